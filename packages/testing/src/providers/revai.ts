import { delivery, providerStatus, randomJobId } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * A Rev AI notification: POST JSON `{ job: { id, status, … } }` (`"completed"` → `transcribed`,
 * `"failed"` → `failed` with `failure` and `failure_detail`). Rev AI does not sign: pass your
 * `auth_headers` in `options.headers`. `options.payload` is merged over `job`.
 *
 * @example
 * ```ts
 * const d = revaiDelivery({ status: "failed", headers: { authorization: "Bearer t" } });
 * ```
 */
export function revaiDelivery(options: SignDeliveryOptions): SampleDelivery {
  const status = providerStatus(options, { completed: "transcribed", failed: "failed" });
  const job = {
    id: options.jobId ?? randomJobId("rev"),
    created_on: new Date(Date.now() - 60_000).toISOString(),
    name: "interview.mp3",
    status,
    type: "async",
    language: "en",
    ...(status === "transcribed" ? { completed_on: new Date().toISOString(), duration_seconds: 107.02 } : {}),
    ...(status === "failed"
      ? {
          failure: "download_failure",
          failure_detail: "Failed to download media file. Please check your url.",
        }
      : {}),
    ...options.payload,
  };
  return delivery("revai", options, {
    body: JSON.stringify({ job }),
    headers: { "content-type": "application/json" },
  });
}
