import { createHmac, randomUUID } from "node:crypto";
import { delivery, providerStatus } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * An Azure AI Speech web hook call for `TranscriptionCompletion`: POST JSON of the transcription
 * entity (`"completed"` → `Succeeded`, `"failed"` → `Failed` with `properties.error`), with the
 * `X-MicrosoftSpeechServices-Event` header and, given `options.secret`, the
 * `X-MicrosoftSpeechServices-Signature` (base64 HMAC-SHA256 of the body). The transcription id is
 * `options.jobId`.
 *
 * @example
 * ```ts
 * const d = azureDelivery({ status: "failed", secret: "s3cret" });
 * ```
 */
export function azureDelivery(options: SignDeliveryOptions): SampleDelivery {
  const id = options.jobId ?? randomUUID();
  const status = providerStatus(options, { completed: "Succeeded", failed: "Failed" });
  const now = new Date().toISOString();
  const body =
    options.body ??
    JSON.stringify({
      self: `https://westus.api.cognitive.microsoft.com/speechtotext/transcriptions/${id}?api-version=2024-11-15`,
      displayName: "call recording",
      locale: "en-US",
      createdDateTime: now,
      lastActionDateTime: now,
      status,
      links: {
        files: `https://westus.api.cognitive.microsoft.com/speechtotext/transcriptions/${id}/files?api-version=2024-11-15`,
      },
      properties:
        status === "Failed"
          ? { error: { code: "InvalidData", message: "The audio format is not supported." } }
          : { durationInTicks: 41200000 },
      ...options.payload,
    });
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-microsoftspeechservices-event": "TranscriptionCompletion",
  };
  if (options.secret !== undefined) {
    headers["x-microsoftspeechservices-signature"] = createHmac("sha256", options.secret)
      .update(body)
      .digest("base64");
  }
  return delivery("azure", options, { body, headers });
}
