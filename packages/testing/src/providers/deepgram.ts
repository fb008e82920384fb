import { randomUUID } from "node:crypto";
import { delivery } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * A Deepgram callback: the `/v1/listen` JSON result (status `"completed"`), or Deepgram's error body
 * (`"failed"`: `{ err_code, err_msg, request_id }`), POST by default or PUT. Deepgram does not sign:
 * pass its `dg-token` (or the Basic `authorization` of your callback URL) in `options.headers`.
 *
 * @example
 * ```ts
 * const d = deepgramDelivery({ jobId: "req-1", method: "PUT", headers: { "dg-token": keyId } });
 * ```
 */
export function deepgramDelivery(options: SignDeliveryOptions): SampleDelivery {
  const id = options.jobId ?? randomUUID();
  const sample =
    (options.status ?? "completed") === "completed"
      ? {
          metadata: {
            transaction_key: "deprecated",
            request_id: id,
            sha256: "5324da68ede209a16ac69a38e8cd29cee4d754434a041166cda3a1f5e0b24566",
            created: new Date().toISOString(),
            duration: 25.93,
            channels: 1,
            models: ["1abfe86b-e047-4eed-858a-35e5625b41ee"],
          },
          results: {
            channels: [
              {
                alternatives: [
                  { transcript: "yeah as much as it's worth celebrating", confidence: 0.99, words: [] },
                ],
              },
            ],
          },
        }
      : {
          err_code: "Bad Request",
          err_msg: "Bad Request: failed to process audio: corrupt or unsupported data",
          request_id: id,
        };
  const body = JSON.stringify({ ...sample, ...options.payload });
  return delivery("deepgram", options, {
    body,
    headers: { "content-type": "application/json" },
    methods: ["POST", "PUT"],
  });
}
