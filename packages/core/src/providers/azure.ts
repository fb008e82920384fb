import type { WebhookResponse } from "../http";
import { hmacSignature } from "../verify/hmac-signature";
import { defineProvider } from "./define-provider";
import { asObject, str } from "./fields";
import { echoChallenge } from "./handshake-reply";

/**
 * What Azure AI Speech POSTs for a transcription event: the transcription entity, as
 * `GET /speechtotext/transcriptions/{id}` returns it. The event type is in the
 * `X-MicrosoftSpeechServices-Event` header, not the body.
 */
export interface AzurePayload {
  /** The transcription's URL; its last path segment is the transcription id. */
  self: string;
  displayName?: string;
  status: "NotStarted" | "Running" | "Succeeded" | "Failed" | (string & {});
  createdDateTime?: string;
  lastActionDateTime?: string;
  locale?: string;
  links?: { files?: string; [key: string]: unknown };
  properties?: {
    error?: { code?: string; message?: string };
    durationInTicks?: number;
    [key: string]: unknown;
  };
  customProperties?: Record<string, string>;
  [key: string]: unknown;
}

const EVENT_HEADER = "X-MicrosoftSpeechServices-Event";

/** A ping carries only the web hook's own description: acknowledged, never passed to handlers. */
const PING_ACK: WebhookResponse = {
  status: 200,
  headers: { "content-type": "application/json; charset=utf-8" },
  body: JSON.stringify({ ok: true, ping: true }),
};

/**
 * Azure AI Speech batch transcription web hooks: POST JSON, signed when the web hook was registered
 * with `properties.secret`: `X-MicrosoftSpeechServices-Signature` = base64 HMAC-SHA256(secret, raw body)
 * → configure `secret`. The header, algorithm and encoding can be overridden with `signature`.
 *
 * Handshakes (answered before authentication, and never reaching a handler):
 * - `challenge` (event header `challenge`, or a GET, with `?validationToken=`): answered 200
 *   `text/plain` with the token as the body. Only the caller's own token is echoed; nothing secret.
 * - `ping` (event header `ping`): answered 200 `{"ok":true,"ping":true}` without reading the body.
 *   A ping changes nothing and calls no handler, so an unauthenticated one gains nothing.
 *
 * Status: `Succeeded` → completed, `Failed` → failed (`properties.error`), `NotStarted` / `Running` →
 * processing. `jobId` is the last path segment of `self`; the idempotency key is
 * `azure:<jobId>:<status>`, from the signed body only. The event type travels in an unsigned header,
 * so it may only narrow: a `…Deletion` event is acknowledged (200 `{"ok":true,"ignored":true}`)
 * without a handler or a claim, and no header value can turn one signed body into a second event.
 */
export const azure = defineProvider<"azure", AzurePayload>({
  id: "azure",
  name: "Azure AI Speech",
  docs: "https://learn.microsoft.com/rest/api/speechtotext/web-hooks/create",
  auth: "signature",
  methods: ["POST", "GET"],
  formats: ["json"],
  handshake(ctx) {
    const event = (ctx.header(EVENT_HEADER) ?? "").trim().toLowerCase();
    const token = ctx.url.searchParams.get("validationToken");
    if (event === "challenge" || ctx.method === "GET" || (event === "" && token !== null)) {
      return echoChallenge(token, "validationToken");
    }
    if (event === "ping") return PING_ACK;
    return undefined;
  },
  signature: hmacSignature({
    header: "X-MicrosoftSpeechServices-Signature",
    algorithm: "sha256",
    encoding: "base64",
  }),
  // The job id is the last path segment of `self`: `normalise` reads it.
  parse: (body) => asObject(body, "Azure AI Speech") as AzurePayload,
  status: {
    field: "status",
    table: { Succeeded: "completed", Failed: "failed", Running: "processing", NotStarted: "processing" },
  },
  error: {
    code: "properties.error.code",
    message: "properties.error.message",
    fallback: "Azure reported the transcription as failed",
  },
  normalise(payload, ctx, declared) {
    // The event header is not signed: it may only narrow (a deletion calls no handler), never make a
    // second event of the same signed body, so neither the key nor the status reads it.
    const deletion = /deletion$/i.test(ctx.header(EVENT_HEADER)?.trim() ?? "");
    const jobId = transcriptionId(payload.self);
    return {
      ...declared,
      jobId,
      ...(deletion ? { ignore: true } : {}),
      idempotencyKey: `azure:${jobId}:${declared.providerStatus}`,
    };
  },
});

/** `https://…/speechtotext/v3.2/transcriptions/<id>?api-version=…` → `<id>`. */
function transcriptionId(self: unknown): string | undefined {
  const text = str(self);
  if (!text) return undefined;
  let path: string;
  try {
    path = new URL(text).pathname;
  } catch {
    path = text.split("?")[0]!;
  }
  const last = path.replace(/\/+$/, "").split("/").pop();
  if (!last) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
