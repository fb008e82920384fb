import { hmacSignature } from "../verify/hmac-signature";
import { defineProvider } from "./define-provider";
import { obj, str } from "./fields";

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
  docs: "https://elevenlabs.io/docs/capabilities/speech-to-text#webhooks",
  auth: "signature",
  methods: ["POST"],
  formats: ["json"],
  signature: hmacSignature({
    header: "ElevenLabs-Signature",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "v0=",
    separator: ",",
    signed: "{timestamp}.{body}",
    // ElevenLabs' own guidance: refuse signatures older than 30 minutes.
    timestamp: { entry: "t=", window: "30m" },
  }),
  jobId: "data.request_id",
  status: { field: "type", table: { speech_to_text_transcription: "completed" } },
  normalise(payload, _ctx, declared) {
    // A failure is the same event type with `data.error` (unconfirmed): data cannot say that.
    const rawError = obj(payload.data)?.error;
    if (declared.status !== "completed" || rawError === undefined || rawError === null) return declared;
    const errorObj = obj(rawError);
    return {
      ...declared,
      status: "failed",
      error: {
        code: str(errorObj?.code),
        message: str(errorObj?.message) ?? str(rawError) ?? "ElevenLabs reported the transcription as failed",
      },
    };
  },
});
