import { createHmac, randomUUID } from "node:crypto";
import { delivery, providerStatus, randomJobId } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * A Standard Webhooks delivery: POST JSON `{ type, timestamp, data: { id, status } }` (`"completed"` →
 * type `transcription.completed`, `"failed"` → `transcription.failed`) with `webhook-id` (fresh),
 * `webhook-timestamp` (`options.timestamp`, default now) and, given `options.secret` (`whsec_<base64>`,
 * or the bare base64 key: both are base64-decoded, as the `standardwebhooks` and `svix` libraries do),
 * `webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`. The output passes those
 * libraries' `Webhook.verify` and OpenAI's `client.webhooks.unwrap`.
 *
 * @example
 * ```ts
 * const d = standardwebhooksDelivery({ secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
 * ```
 */
export function standardwebhooksDelivery(options: SignDeliveryOptions): SampleDelivery {
  const t = options.timestamp ?? Math.floor(Date.now() / 1000);
  const msgId = `msg_${randomUUID().replaceAll("-", "")}`;
  const type = providerStatus(options, {
    completed: "transcription.completed",
    failed: "transcription.failed",
  });
  const body =
    options.body ??
    JSON.stringify({
      type,
      timestamp: new Date(t * 1000).toISOString(),
      data: { id: options.jobId ?? randomJobId("job"), status: type.split(".").pop() },
      ...options.payload,
    });
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "webhook-id": msgId,
    "webhook-timestamp": String(t),
  };
  if (options.secret !== undefined) {
    // As the standardwebhooks and svix libraries read a secret: an optional whsec_, then base64.
    const key = Buffer.from(options.secret.replace(/^whsec_/, ""), "base64");
    const sig = createHmac("sha256", key).update(`${msgId}.${t}.${body}`).digest("base64");
    headers["webhook-signature"] = `v1,${sig}`;
  }
  return delivery("standardwebhooks", options, { body, headers });
}
