import { unauthorized } from "../errors";
import { verifyHmac } from "../verify/hmac";
import { verifyTimestamp } from "../verify/timestamp";
import { defineProvider } from "./define-provider";
import { asObject, obj, str } from "./fields";

/** What an ElevenLabs workspace webhook POSTs when a speech-to-text request made with `webhook=true` ends. */
export interface ElevenLabsPayload {
  type: "speech_to_text_transcription" | (string & {});
  /** Unix seconds. */
  event_timestamp?: number;
  data: {
    /** The speech-to-text request id. */
    request_id: string;
    /** The transcription, as the synchronous endpoint returns it. */
    transcription?: {
      language_code?: string;
      language_probability?: number;
      text?: string;
      words?: unknown[];
      [key: string]: unknown;
    };
    /** Your `webhook_metadata` from the request. */
    webhook_metadata?: unknown;
    /** On a failure (unconfirmed shape). */
    error?: { code?: string; message?: string; [key: string]: unknown } | string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

const SIGNATURE_HEADER = "ElevenLabs-Signature";
/** ElevenLabs' own guidance: refuse signatures older than 30 minutes. */
const DEFAULT_TOLERANCE = 30 * 60;

/**
 * ElevenLabs speech-to-text webhooks: POST JSON, signed with the workspace webhook's secret:
 * `ElevenLabs-Signature: t=<unix seconds>,v0=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` → configure
 * `secret`. The timestamp must lie within `tolerance` of now, in both directions; the default
 * here is 30 minutes (as ElevenLabs recommends), not the usual 5. A 4xx is not retried by
 * ElevenLabs, so only unrecoverable problems get one.
 *
 * Compared with the SDK's `webhooks.constructEvent` (what it accepts, scribehook accepts, except):
 * - stricter: a timestamp more than `tolerance` in the future is refused (`timestamp_too_new`); the SDK
 *   accepts any future time. ElevenLabs signs with its current time, so only a forged or badly
 *   mis-clocked signature is refused, and a captured signature cannot be given a longer life.
 * - looser by under a second: now is counted in whole seconds, so a signature is still accepted at
 *   t + 1800.5 s, where the SDK (counting milliseconds) already refuses.
 * - looser: several `v0=` entries may be sent (any may match; the SDK reads the first), spaces around
 *   entries are ignored, and upper-case hex is read. Each still needs the HMAC over the exact body.
 *
 * Status: a `speech_to_text_transcription` event → completed, or failed when `data.error` is present
 * (ElevenLabs does not document its failure payload: unconfirmed); other event types → other.
 * `providerStatus` is the event `type`. `jobId` is `data.request_id`.
 */
export const elevenlabs = defineProvider<"elevenlabs", ElevenLabsPayload>({
  id: "elevenlabs",
  name: "ElevenLabs",
  methods: ["POST"],
  formats: ["json"],
  async verifySignature(ctx) {
    const header = ctx.config.signature?.header ?? SIGNATURE_HEADER;
    const value = ctx.header(header);
    if (!value?.trim()) throw unauthorized("signature_missing", `The ${header} header is missing`);
    let timestamp: string | undefined;
    const signatures: string[] = [];
    for (const item of value.split(",")) {
      const eq = item.indexOf("=");
      const key = item.slice(0, eq).trim();
      const val = item.slice(eq + 1).trim();
      if (key === "t") timestamp = val;
      else if (key === "v0") signatures.push(val);
    }
    if (signatures.length === 0) {
      throw unauthorized("signature_missing", `The ${header} header has no v0 signature`);
    }
    if (timestamp === undefined) throw unauthorized("timestamp_missing", `The ${header} header has no t=`);
    const data = [timestamp, ".", ctx.body];
    let ok = false;
    for (const signature of signatures) {
      if (
        await verifyHmac({
          data,
          signature,
          secrets: ctx.config.secret!,
          algorithm: "sha256",
          encoding: "hex",
        })
      ) {
        ok = true;
      }
    }
    if (!ok) {
      throw unauthorized(
        "signature_mismatch",
        `The ${header} signature does not match the body: check the webhook secret, and that nothing re-encoded the body before scribehook`,
      );
    }
    // Checked after the signature, so a forged request is told "signature_mismatch", a replay "too old".
    verifyTimestamp(timestamp, { toleranceSeconds: ctx.config.tolerance ?? DEFAULT_TOLERANCE });
  },
  parse: (body) => asObject(body, "ElevenLabs") as ElevenLabsPayload,
  normalise(payload) {
    const type = str(payload.type) ?? "";
    const data = obj(payload.data) ?? {};
    const rawError = data.error;
    const failed = rawError !== undefined && rawError !== null;
    const errorObj = obj(rawError);
    return {
      jobId: str(data.request_id),
      providerStatus: type,
      status: type === "speech_to_text_transcription" ? (failed ? "failed" : "completed") : "other",
      ...(failed
        ? {
            error: {
              code: str(errorObj?.code),
              message:
                str(errorObj?.message) ?? str(rawError) ?? "ElevenLabs reported the transcription as failed",
            },
          }
        : {}),
      payload,
    };
  },
});
