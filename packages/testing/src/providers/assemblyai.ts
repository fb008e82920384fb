import { randomUUID } from "node:crypto";
import { delivery, providerStatus } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * An AssemblyAI webhook: POST JSON `{ transcript_id, status }` (`"completed"`, or `"error"` for
 * `status: "failed"`). AssemblyAI does not sign: pass the auth header you set up as
 * `webhook_auth_header_name/value` in `options.headers`.
 *
 * `status: "redacted_audio_ready"` gives the PII-redaction call `{ redacted_audio_url, status }`, which
 * has no transcript id in its body. Its id must come from the URL: pass a `callbackUrl` from
 * `receiver.callbackUrl({ metadata: { jobId } })`; without one, the URL is
 * `/webhooks/assemblyai?transcript_id=<jobId>`, as if you had put the id on `webhook_url` yourself.
 *
 * @example
 * ```ts
 * const d = assemblyaiDelivery({ jobId: "5551", headers: { "x-webhook-token": "token" } });
 * // d.body === '{"transcript_id":"5551","status":"completed"}'
 * ```
 */
export function assemblyaiDelivery(options: SignDeliveryOptions): SampleDelivery {
  const jobId = options.jobId ?? randomUUID();
  const status = providerStatus(options, { failed: "error" });
  const redacted = status === "redacted_audio_ready";
  const sample = redacted
    ? { redacted_audio_url: `https://cdn.assemblyai.com/redacted-audio/${jobId}.mp3`, status }
    : { transcript_id: jobId, status };
  return delivery("assemblyai", options, {
    body: JSON.stringify({ ...sample, ...options.payload }),
    headers: { "content-type": "application/json" },
    ...(redacted ? { defaultUrl: `/webhooks/assemblyai?transcript_id=${encodeURIComponent(jobId)}` } : {}),
  });
}
