import { createHmac, randomBytes } from "node:crypto";
import { delivery } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * An ElevenLabs speech-to-text webhook: POST JSON `{ type: "speech_to_text_transcription",
 * event_timestamp, data: { request_id, transcription, webhook_metadata } }` (`"failed"` adds
 * `data.error` instead of a transcription), signed given `options.secret`:
 * `ElevenLabs-Signature: t=<timestamp>,v0=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * `options.timestamp` sets `t` (default now).
 *
 * @example
 * ```ts
 * const d = elevenlabsDelivery({ secret: "wsec_…", timestamp: Math.floor(Date.now() / 1000) - 3600 }); // stale
 * ```
 */
export function elevenlabsDelivery(options: SignDeliveryOptions): SampleDelivery {
  const t = options.timestamp ?? Math.floor(Date.now() / 1000);
  const failed = options.status === "failed";
  const body =
    options.body ??
    JSON.stringify({
      type: "speech_to_text_transcription",
      event_timestamp: t,
      data: {
        request_id: options.jobId ?? randomBytes(10).toString("hex"),
        ...(failed
          ? { error: { code: "transcription_failed", message: "The audio could not be transcribed." } }
          : {
              transcription: {
                language_code: "en",
                language_probability: 0.98,
                text: "Hello world!",
                words: [{ text: "Hello", start: 0, end: 0.5, type: "word" }],
              },
            }),
        webhook_metadata: { orderId: "42" },
      },
      ...options.payload,
    });
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.secret !== undefined) {
    const v0 = createHmac("sha256", options.secret).update(`${t}.${body}`).digest("hex");
    headers["elevenlabs-signature"] = `t=${t},v0=${v0}`;
  }
  return delivery("elevenlabs", options, { body, headers });
}
