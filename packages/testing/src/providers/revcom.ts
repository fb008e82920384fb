import { randomInt } from "node:crypto";
import { delivery, providerStatus } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * A Rev.com order notification: POST form-encoded `order_number`, `client_ref`, `status`
 * (`"completed"` → `Complete`, `"failed"` → `Cancelled`). Rev.com cannot authenticate: pass
 * `receiver.callbackUrl({ provider: "revcom", … })` as `options.callbackUrl`.
 *
 * @example
 * ```ts
 * const d = revcomDelivery({ callbackUrl: receiver.callbackUrl({ provider: "revcom", baseUrl }) });
 * ```
 */
export function revcomDelivery(options: SignDeliveryOptions): SampleDelivery {
  const fields: Record<string, string> = {
    order_number: options.jobId ?? `TC${randomInt(100_000, 999_999)}`,
    client_ref: "order-42",
    status: providerStatus(options, { completed: "Complete", failed: "Cancelled" }),
  };
  for (const [k, v] of Object.entries(options.payload ?? {})) fields[k] = String(v);
  return delivery("revcom", options, {
    body: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}
