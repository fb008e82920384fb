import { computeHmac } from "../verify/hmac";
import { hmacSignature } from "../verify/hmac-signature";
import { defineProvider } from "./define-provider";
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
  docs: "https://cloud.ibm.com/docs/speech-to-text?topic=speech-to-text-async",
  auth: "signature",
  methods: ["POST", "GET"],
  formats: ["json"],
  signature: hmacSignature({ header: "X-Callback-Signature", algorithm: "sha1", encoding: "base64" }),
  async handshake(ctx) {
    if (ctx.method !== "GET") return undefined;
    const challenge = ctx.url.searchParams.get("challenge_string");
    const reply = echoChallenge(challenge, "challenge_string");
    const sig = ctx.config.signature;
    if (ctx.config.secret === undefined || !sig) return reply;
    // Answered only for a string IBM signed, with the secret that matched: never a signing oracle.
    const matched = await sig.check(ctx.header, reply.body);
    const signature = await computeHmac(sig.keys[matched]!, reply.body, sig.algorithm, sig.encoding);
    reply.headers[sig.header[0]!.toLowerCase()] = sig.prefix + signature;
    return reply;
  },
  jobId: "id",
  status: {
    field: "event",
    table: {
      "recognitions.completed": "completed",
      "recognitions.completed_with_results": "completed",
      "recognitions.failed": "failed",
      "recognitions.started": "processing",
    },
  },
  error: { fallback: "IBM reported the recognition job as failed; fetch it for the error" },
});
