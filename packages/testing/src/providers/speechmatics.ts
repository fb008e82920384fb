import { randomBytes } from "node:crypto";
import { delivery, providerStatus } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * A Speechmatics notification configured with `contents: ["transcript"]`: POST (or PUT) of the JSON
 * transcript, with `?id=<job>&status=<status>` appended to the callback URL (`"completed"` → `success`,
 * `"failed"` → `error`; `fetch_error`, `trim_error` as given). Speechmatics does not sign: pass your
 * `auth_headers` in `options.headers` (`"Authorization: Bearer t"` → `{ authorization: "Bearer t" }`).
 * `options.payload` is merged over the transcript.
 *
 * @example
 * ```ts
 * const d = speechmaticsDelivery({ jobId: "dsb4lbi8e0", method: "PUT", headers: { authorization: "Bearer t" } });
 * d.path; // "/webhooks/speechmatics?id=dsb4lbi8e0&status=success"
 * ```
 */
export function speechmaticsDelivery(options: SignDeliveryOptions): SampleDelivery {
  const id = options.jobId ?? randomBytes(5).toString("hex");
  const status = providerStatus(options, { completed: "success", failed: "error" });
  const transcript =
    status === "success"
      ? {
          format: "2.9",
          job: { id, created_at: new Date().toISOString(), data_name: "call.wav", duration: 4 },
          metadata: { type: "transcription", transcription_config: { language: "en" } },
          results: [
            {
              type: "word",
              start_time: 0.5,
              end_time: 0.9,
              alternatives: [{ content: "Hello", confidence: 1 }],
            },
          ],
        }
      : {};
  const base = options.callbackUrl ?? "/webhooks/speechmatics";
  const url = `${base}${base.includes("?") ? "&" : "?"}${new URLSearchParams({ id, status })}`;
  const body =
    options.body ??
    (status === "success" || options.payload ? JSON.stringify({ ...transcript, ...options.payload }) : "");
  return delivery(
    "speechmatics",
    { ...options, callbackUrl: url },
    {
      body,
      headers: body
        ? { "content-type": "application/json", "user-agent": "Speechmatics-API/2.0" }
        : { "user-agent": "Speechmatics-API/2.0" },
      methods: ["POST", "PUT"],
    },
  );
}
