import { randomUUID } from "node:crypto";
import { delivery, providerStatus } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * A Soniox webhook: POST JSON `{ id, status }` (`"failed"` → `error`). Soniox does not sign: pass the
 * header you set with `webhook_auth_header_name/value` in `options.headers`.
 *
 * @example
 * ```ts
 * const d = sonioxDelivery({ jobId: "tr-1", headers: { "x-hook-token": "t" } });
 * ```
 */
export function sonioxDelivery(options: SignDeliveryOptions): SampleDelivery {
  const body = JSON.stringify({
    id: options.jobId ?? randomUUID(),
    status: providerStatus(options, { completed: "completed", failed: "error" }),
    ...options.payload,
  });
  return delivery("soniox", options, { body, headers: { "content-type": "application/json" } });
}
