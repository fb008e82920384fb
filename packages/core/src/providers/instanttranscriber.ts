import { hmacSignature } from "../verify/hmac-signature";
import { defineProvider } from "./define-provider";

/**
 * What InstantTranscriber POSTs to `callback_url`.
 *
 * @example
 * ```ts
 * receiver.onComplete((e) => { if (e.provider === "instanttranscriber") fetch(e.payload.download_urls?.srt ?? ""); });
 * ```
 */
export interface InstantTranscriberPayload {
  /** The transcription id. */
  id: string;
  status: "completed" | "failed" | (string & {});
  /** Links to the finished transcript, when completed. */
  download_urls?: { txt?: string; srt?: string; [format: string]: string | undefined };
  [key: string]: unknown;
}

/**
 * InstantTranscriber: POST JSON `{ id, status, download_urls }` to the `callback_url` of
 * `POST /v1/transcriptions`. With a `callback_secret`, each delivery carries an HMAC of the raw body:
 * configure the same value as `secret` (a list during a rotation: any may match).
 *
 * Unconfirmed: the signature's header, algorithm, encoding and prefix are not documented publicly.
 * The default is `X-InstantTranscriber-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`; if
 * your deliveries differ, set `signature: { header, algorithm, encoding, prefix }` in the config.
 *
 * Status: `completed` → completed, `failed` → failed; any other → other. `jobId` is `id`. Deliveries
 * are at-least-once, and the idempotency key is `instanttranscriber:<id>:<status>`, as the provider
 * itself recommends.
 *
 * @example
 * ```ts
 * createReceiver({ providers: { instanttranscriber: {
 *   secret: [process.env.IT_SECRET!, process.env.IT_SECRET_OLD!],
 *   signature: { header: "X-Signature", encoding: "base64", prefix: "" }, // only if yours differ
 * } } });
 * ```
 */
export const instanttranscriber = defineProvider<"instanttranscriber", InstantTranscriberPayload>({
  id: "instanttranscriber",
  name: "InstantTranscriber",
  docs: "https://instanttranscriber.com/api/transcription-webhooks",
  auth: "signature",
  methods: ["POST"],
  formats: ["json"],
  // Unconfirmed (not documented publicly): overridable with `signature`; the prefix follows the algorithm.
  signature: hmacSignature({
    header: "X-InstantTranscriber-Signature",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "{algorithm}=",
  }),
  jobId: "id",
  status: { field: "status", table: { completed: "completed", failed: "failed" } },
  error: { fallback: "InstantTranscriber reported the transcription as failed" },
});
