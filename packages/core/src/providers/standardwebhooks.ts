import { fromBase64 } from "../encoding";
import { secretList } from "../verify/hmac";
import { hmacSignature } from "../verify/hmac-signature";
import { defineProvider } from "./define-provider";
import { str } from "./fields";

/**
 * A Standard Webhooks delivery: any JSON. Most senders (OpenAI, Svix-based ones) send
 * `{ type, timestamp?, data: { id, … } }`; Gladia's dashboard webhooks send `{ event, payload: { id } }`.
 */
export interface StandardWebhooksPayload {
  type?: string;
  event?: string;
  id?: string;
  data?: { id?: string; status?: string; [key: string]: unknown };
  payload?: { id?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** Standard base64 (`+` `/`), padded or not, of at least 4 characters: what the spec's libraries decode. */
const BARE_BASE64 = /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/**
 * The key bytes of a Standard Webhooks secret, read as the spec's `standardwebhooks` and `svix`
 * libraries read it: an optional `whsec_` prefix is dropped and the rest is base64-decoded. So
 * `whsec_<base64>` and the bare `<base64>` are the same key. Throws a `TypeError` (without the secret
 * in its message) for a bare secret that is not standard base64, and for an empty key.
 *
 * @example
 * ```ts
 * standardWebhooksKey("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"); // Uint8Array of the decoded bytes
 * standardWebhooksKey("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"); // the same bytes
 * ```
 */
export function standardWebhooksKey(secret: string): Uint8Array {
  const { key, problem } = readKey(secret);
  if (problem) throw new TypeError(`Standard Webhooks secret: ${problem}`);
  return key;
}

/**
 * The key bytes, or why the secret cannot be a key, in words that never repeat it. The `whsec_` part is
 * read leniently, as Node's base64 decoder does (characters outside the alphabet are skipped); a bare
 * secret must be strict standard base64.
 */
function readKey(secret: string): { key: Uint8Array; problem?: string } {
  const whsec = secret.startsWith("whsec_");
  if (!whsec && !BARE_BASE64.test(secret)) {
    return {
      key: new Uint8Array(0),
      problem:
        'expected "whsec_<base64>" or the bare base64 key (the standardwebhooks and svix libraries ' +
        "base64-decode it), got a value that is not standard base64. Copy the key exactly as the sender shows it",
    };
  }
  const text = whsec ? secret.slice("whsec_".length) : secret;
  const key = fromBase64(text.replace(/[^A-Za-z0-9+/_-]/g, "")) ?? new Uint8Array(0);
  return key.length === 0 ? { key, problem: 'the key after "whsec_" is empty' } : { key };
}

/**
 * Verifies a Standard Webhooks delivery: `webhook-id`, `webhook-timestamp` and `webhook-signature`
 * (several space-separated `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`; any may match;
 * other versions such as `v1a` are ignored), then the timestamp within `toleranceSeconds` both ways.
 * Senders that only send `svix-*` headers are read too. Throws a 401 `WebhookError`. Usable in your own
 * providers.
 *
 * @example
 * ```ts
 * await verifyStandardWebhook({ header: ctx.header, body: ctx.body, secrets: ["whsec_…"], toleranceSeconds: 300 });
 * ```
 */
export async function verifyStandardWebhook(options: {
  header: (name: string) => string | undefined;
  body: Uint8Array;
  secrets: string | readonly string[];
  toleranceSeconds?: number;
  now?: number;
}): Promise<{ id: string; timestamp: number }> {
  const keys = secretList(options.secrets).map(standardWebhooksKey);
  const sig = SCHEME.compile(undefined, keys, "verifyStandardWebhook");
  await sig.check(options.header, options.body, options.toleranceSeconds, options.now);
  const read = (name: string) => options.header(`webhook-${name}`) ?? options.header(`svix-${name}`);
  return { id: read("id")!, timestamp: Number(read("timestamp")) };
}

/**
 * The spec's scheme: `webhook-signature` holds space-separated `v1,<base64 HMAC-SHA256>` entries over
 * `"<webhook-id>.<webhook-timestamp>.<raw body>"`; senders that only send `svix-*` headers are read too.
 */
const SCHEME = hmacSignature({
  header: ["webhook-signature", "svix-signature"],
  algorithm: "sha256",
  encoding: "base64",
  prefix: "v1,",
  separator: " ",
  signed: "{id}.{timestamp}.{body}",
  id: ["webhook-id", "svix-id"],
  timestamp: { header: ["webhook-timestamp", "svix-timestamp"], window: "5m" },
});

/**
 * Any sender following the Standard Webhooks spec (OpenAI, Svix-based senders such as Gladia's
 * dashboard webhooks): POST JSON with `webhook-id`, `webhook-timestamp`, `webhook-signature` →
 * configure `secret` with the `whsec_…` key (several for rotation). A bare key without `whsec_` is
 * base64-decoded, as the `standardwebhooks` and `svix` libraries do; a bare key that is not standard
 * base64 is refused when the receiver is created (a `TypeError` naming `providers.standardwebhooks.secret`).
 * The timestamp must be within `tolerance` (default 300 s) of now, both ways, with now counted in whole
 * seconds like the libraries (accepted at t + 300.5 s, refused at t + 301 s).
 *
 * Where scribehook deliberately differs from the senders' own verifiers:
 * - looser: a `v1` signature may be written unpadded or in base64url. It is the same 32-byte HMAC
 *   (OpenAI's SDK decodes as leniently), so nothing can be forged or replayed with it; the
 *   `standardwebhooks` / `svix` libraries compare the padded text and refuse it.
 * - stricter: `webhook-id` must be non-empty (it is the idempotency key; OpenAI's SDK accepts an empty
 *   one), every signature must carry its `v1,` version (OpenAI's SDK also tries unversioned entries),
 *   and the timestamp must be digits only (the libraries `parseInt` it). No sender of the spec sends
 *   otherwise.
 *
 * The spec says nothing about the body, so normalisation is a best effort, documented here:
 * the event name is `type` (or `event`, or `data.status`); names ending in `completed`/`succeeded`/
 * `success`/`done` → completed, `failed`/`error` → failed, `cancelled`/`expired` → cancelled,
 * `created`/`started`/`queued`/`processing`/`running` → processing, else other. `jobId` is `data.id`,
 * else `payload.id`, else `id`, else the `webhook-id`. The idempotency key is
 * `standardwebhooks:<webhook-id>`, the spec's delivery id. For exact handling of one sender, define your
 * own provider with `verifyStandardWebhook()`.
 */
export const standardwebhooks = defineProvider<"standardwebhooks", StandardWebhooksPayload>({
  id: "standardwebhooks",
  name: "Standard Webhooks",
  docs: "https://www.standardwebhooks.com/",
  auth: "signature",
  methods: ["POST"],
  formats: ["json"],
  signature: SCHEME,
  signingKey(secret) {
    const { key, problem } = readKey(secret);
    if (problem) throw new TypeError(problem);
    return key;
  },
  jobId: ["data.id", "payload.id", "id"],
  status: {
    field: ["type", "event", "data.status"],
    match: "suffix",
    ignoreCase: true,
    table: {
      completed: "completed",
      complete: "completed",
      succeeded: "completed",
      success: "completed",
      done: "completed",
      finished: "completed",
      failed: "failed",
      failure: "failed",
      error: "failed",
      errored: "failed",
      cancelled: "cancelled",
      canceled: "cancelled",
      expired: "cancelled",
      created: "processing",
      started: "processing",
      queued: "processing",
      processing: "processing",
      in_progress: "processing",
      running: "processing",
    },
  },
  error: {
    code: ["error.code", "data.error.code"],
    message: ["error.message", "data.error.message"],
    fallback: "The sender reported a failure",
  },
  normalise(_payload, ctx, declared) {
    // The spec's delivery id is signed: the idempotency key, and the job id of last resort.
    const webhookId = str(ctx.header("webhook-id") ?? ctx.header("svix-id"));
    if (!webhookId) return declared;
    return {
      ...declared,
      jobId: declared.jobId ?? webhookId,
      idempotencyKey: `standardwebhooks:${webhookId}`,
    };
  },
});
