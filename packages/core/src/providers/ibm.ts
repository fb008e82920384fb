import { unauthorized } from "../errors";
import { computeHmac, type HmacAlgorithm, secretList, verifyHmac } from "../verify/hmac";
import { defineProvider, type ProviderContext } from "./define-provider";
import { asObject, str } from "./fields";
import { echoChallenge } from "./handshake-reply";

/** What IBM Watson Speech to Text POSTs to a registered callback URL. */
export interface IBMPayload {
  /** The recognition job id. */
  id: string;
  event:
    | "recognitions.started"
    | "recognitions.completed"
    | "recognitions.completed_with_results"
    | "recognitions.failed"
    | (string & {});
  /** The `user_token` you gave when creating the job. */
  user_token?: string;
  /** With `recognitions.completed_with_results`: the recognition results. */
  results?: unknown[];
  [key: string]: unknown;
}

const SIGNATURE_HEADER = "X-Callback-Signature";

/**
 * IBM Watson Speech to Text asynchronous callbacks: POST JSON, signed when the callback URL was
 * registered with `user_secret`: `X-Callback-Signature` = base64 HMAC-SHA1(user_secret, raw body) →
 * configure `secret`. IBM documents HMAC-SHA1 for both the challenge and every notification
 * (https://cloud.ibm.com/docs/speech-to-text?topic=speech-to-text-async, "Security considerations";
 * the API reference's `register_callback` says the same), so only SHA-1 is accepted by default. A
 * SHA-256 signature is accepted only when pinned with `signature: { algorithm: "sha256" }` (for a
 * sender that signs so, e.g. a proxy re-signing IBM's callbacks); pinning replaces SHA-1.
 *
 * Handshake: registering the URL makes IBM send `GET ?challenge_string=<random>`; it is answered 200
 * `text/plain` with the string as the body. When a secret is configured, the GET must carry a valid
 * `X-Callback-Signature` of the string (IBM sends one) and the answer carries the same signature; an
 * unsigned or wrongly signed challenge gets 401. Answering only already-signed strings means the
 * challenge can never be used to obtain a signature for a forged delivery body.
 *
 * Status: `recognitions.completed` and `recognitions.completed_with_results` → completed,
 * `recognitions.failed` → failed, `recognitions.started` → processing. `jobId` is `id`.
 */
export const ibm = defineProvider<"ibm", IBMPayload>({
  id: "ibm",
  name: "IBM Watson Speech to Text",
  methods: ["POST", "GET"],
  formats: ["json"],
  async handshake(ctx) {
    if (ctx.method !== "GET") return undefined;
    const challenge = ctx.url.searchParams.get("challenge_string");
    const reply = echoChallenge(challenge, "challenge_string");
    if (ctx.config.secret === undefined) return reply;
    const { secret, algorithm } = await check(ctx, reply.body);
    const sig = ctx.config.signature ?? {};
    reply.headers[(sig.header ?? SIGNATURE_HEADER).toLowerCase()] =
      (sig.prefix ?? "") + (await computeHmac(secret, reply.body, algorithm, sig.encoding ?? "base64"));
    return reply;
  },
  async verifySignature(ctx) {
    await check(ctx, ctx.body);
  },
  parse: (body) => asObject(body, "IBM") as IBMPayload,
  normalise(payload) {
    const event = str(payload.event) ?? "";
    return {
      jobId: str(payload.id),
      providerStatus: event,
      status:
        event === "recognitions.completed" || event === "recognitions.completed_with_results"
          ? "completed"
          : event === "recognitions.failed"
            ? "failed"
            : event === "recognitions.started"
              ? "processing"
              : "other",
      ...(event === "recognitions.failed"
        ? { error: { message: "IBM reported the recognition job as failed; fetch it for the error" } }
        : {}),
      payload,
    };
  },
});

type SignedContext = Pick<ProviderContext, "header" | "config">;

/**
 * Verifies the signature header over `data`, trying each secret (rotation); returns the one that
 * matched and the algorithm, so a challenge is answered with the secret IBM holds.
 */
async function check(
  ctx: SignedContext,
  data: string | Uint8Array,
): Promise<{ secret: string; algorithm: HmacAlgorithm }> {
  const sig = ctx.config.signature ?? {};
  const header = sig.header ?? SIGNATURE_HEADER;
  const signature = ctx.header(header);
  if (!signature?.trim()) throw unauthorized("signature_missing", `The ${header} header is missing`);
  const algorithm: HmacAlgorithm = sig.algorithm ?? "sha1";
  let match: { secret: string; algorithm: HmacAlgorithm } | undefined;
  for (const secret of secretList(ctx.config.secret!)) {
    const ok = await verifyHmac({
      data,
      signature,
      secrets: secret,
      algorithm,
      encoding: sig.encoding ?? "base64",
      prefix: sig.prefix ?? "",
    });
    if (ok && !match) match = { secret, algorithm };
  }
  if (match) return match;
  throw unauthorized(
    "signature_mismatch",
    `The ${header} signature does not match: check the secret (IBM's user_secret), and that nothing re-encoded the body before scribehook`,
  );
}
