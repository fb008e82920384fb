import { createHmac, randomUUID } from "node:crypto";
import { delivery } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * An InstantTranscriber callback: POST JSON `{ id, status, download_urls }` (`download_urls` when
 * completed). With `options.secret` (the job's `callback_secret`) it is signed the default way:
 * `X-InstantTranscriber-Signature: sha256=<hex HMAC-SHA256(secret, body)>`; without one it is unsigned,
 * as InstantTranscriber sends it when no `callback_secret` was set. The scheme is unconfirmed; to test
 * an overridden `signature` config, build without a secret and add your own header over `body`.
 *
 * @example
 * ```ts
 * const d = instanttranscriberDelivery({ jobId: "it-3090", status: "failed", secret: "s3cret" });
 * d.headers["x-instanttranscriber-signature"]; // "sha256=…"
 * ```
 */
export function instanttranscriberDelivery(options: SignDeliveryOptions): SampleDelivery {
  const id = options.jobId ?? randomUUID();
  const status = options.status ?? "completed";
  const sample = {
    id,
    status,
    ...(status === "completed"
      ? {
          download_urls: {
            txt: `https://api.instanttranscriber.com/v1/transcriptions/${id}/download?format=txt`,
            srt: `https://api.instanttranscriber.com/v1/transcriptions/${id}/download?format=srt`,
          },
        }
      : {}),
  };
  const body = options.body ?? JSON.stringify({ ...sample, ...options.payload });
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.secret !== undefined) {
    headers["x-instanttranscriber-signature"] =
      `sha256=${createHmac("sha256", options.secret).update(body).digest("hex")}`;
  }
  return delivery("instanttranscriber", options, { body, headers });
}
