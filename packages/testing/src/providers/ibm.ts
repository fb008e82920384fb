import { createHmac, randomUUID } from "node:crypto";
import { delivery, providerStatus } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * An IBM Watson Speech to Text callback: POST JSON `{ id, event, user_token }` (`"completed"` →
 * `recognitions.completed_with_results` with `results`, `"failed"` → `recognitions.failed`; other IBM
 * events as given), with, given `options.secret` (the `user_secret`), `X-Callback-Signature`: base64
 * HMAC-SHA1 of the body, as IBM signs (https://cloud.ibm.com/docs/speech-to-text?topic=speech-to-text-async).
 *
 * @example
 * ```ts
 * const d = ibmDelivery({ secret: "ThisIsMySecret" });
 * ```
 */
export function ibmDelivery(options: SignDeliveryOptions): SampleDelivery {
  const event = providerStatus(options, {
    completed: "recognitions.completed_with_results",
    failed: "recognitions.failed",
  });
  const body =
    options.body ??
    JSON.stringify({
      id: options.jobId ?? randomUUID(),
      event,
      user_token: "job-42",
      ...(event === "recognitions.completed_with_results"
        ? {
            results: [
              {
                result_index: 0,
                results: [
                  {
                    final: true,
                    alternatives: [{ transcript: "several tornadoes touch down ", confidence: 0.96 }],
                  },
                ],
              },
            ],
          }
        : {}),
      ...options.payload,
    });
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.secret !== undefined) {
    headers["x-callback-signature"] = createHmac("sha1", options.secret).update(body).digest("base64");
  }
  return delivery("ibm", options, { body, headers });
}
