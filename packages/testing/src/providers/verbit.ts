import { delivery, providerStatus, randomJobId } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * A Verbit job callback: POST form-encoded `job_id`, `external_id`, `status` (`"completed"` →
 * `Completed`, `"failed"` → `Failure`). Verbit cannot authenticate: pass
 * `receiver.callbackUrl({ provider: "verbit", … })` as `options.callbackUrl`. Verbit expects the body `OK`.
 *
 * @example
 * ```ts
 * const d = verbitDelivery({ status: "failed", callbackUrl });
 * ```
 */
export function verbitDelivery(options: SignDeliveryOptions): SampleDelivery {
  const fields: Record<string, string> = {
    job_id: options.jobId ?? randomJobId("vb"),
    external_id: "ext-42",
    status: providerStatus(options, { completed: "Completed", failed: "Failure" }),
  };
  for (const [k, v] of Object.entries(options.payload ?? {})) fields[k] = String(v);
  return delivery("verbit", options, {
    body: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}
