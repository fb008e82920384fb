import { assertHmac } from "../verify/hmac";
import { defineProvider, type SignatureOptions } from "./define-provider";
import { asObject, str } from "./fields";

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

/** The signature scheme assumed when `signature` is not configured. */
const INSTANTTRANSCRIBER_SIGNATURE = {
  header: "X-InstantTranscriber-Signature",
  algorithm: "sha256",
  encoding: "hex",
  prefix: "sha256=",
} as const satisfies Required<SignatureOptions>;

/**
 * The signature scheme in force for a configuration: the defaults, overridden by `config.signature`.
 * The prefix defaults to `"<algorithm>="` (so `"sha256="` by default); give `prefix: ""` for none.
 *
 * @example
 * ```ts
 * instantTranscriberScheme({ encoding: "base64", prefix: "" });
 * // { header: "X-InstantTranscriber-Signature", algorithm: "sha256", encoding: "base64", prefix: "" }
 * ```
 */
function instantTranscriberScheme(signature: SignatureOptions = {}): Required<SignatureOptions> {
  // The values were checked when the receiver was created (compile-providers).
  const algorithm = signature.algorithm ?? INSTANTTRANSCRIBER_SIGNATURE.algorithm;
  return {
    header: signature.header ?? INSTANTTRANSCRIBER_SIGNATURE.header,
    algorithm,
    encoding: signature.encoding ?? INSTANTTRANSCRIBER_SIGNATURE.encoding,
    prefix: signature.prefix ?? `${algorithm}=`,
  };
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
  methods: ["POST"],
  formats: ["json"],
  async verifySignature(ctx) {
    const scheme = instantTranscriberScheme(ctx.config.signature);
    await assertHmac(
      {
        data: ctx.body,
        signature: ctx.header(scheme.header),
        secrets: ctx.config.secret ?? [],
        algorithm: scheme.algorithm,
        encoding: scheme.encoding,
        prefix: scheme.prefix,
      },
      scheme.header,
    );
  },
  parse: (body) => asObject(body, "InstantTranscriber") as InstantTranscriberPayload,
  normalise(payload) {
    const status = str(payload.status) ?? "";
    return {
      jobId: str(payload.id),
      providerStatus: status,
      status: status === "completed" ? "completed" : status === "failed" ? "failed" : "other",
      ...(status === "failed"
        ? { error: { message: "InstantTranscriber reported the transcription as failed" } }
        : {}),
      payload,
    };
  },
});
