import { defineProvider } from "./define-provider";

/**
 * One utterance of a Gladia transcript.
 *
 * @example
 * ```ts
 * const lines = (e.payload.payload?.transcription?.utterances ?? []).map((u: GladiaUtterance) => `${u.speaker}: ${u.text}`);
 * ```
 */
export interface GladiaUtterance {
  text: string;
  start: number;
  end: number;
  confidence?: number;
  channel?: number;
  speaker?: number;
  language?: string;
  words?: Array<{ word: string; start: number; end: number; confidence?: number }>;
  [key: string]: unknown;
}

/**
 * The result inside a successful Gladia callback (`payload`).
 *
 * @example
 * ```ts
 * const seconds = (e.payload.payload as GladiaResult | undefined)?.metadata?.audio_duration;
 * ```
 */
export interface GladiaResult {
  metadata?: {
    audio_duration?: number;
    number_of_distinct_channels?: number;
    billing_time?: number;
    transcription_time?: number;
    [key: string]: unknown;
  };
  transcription?: {
    full_transcript?: string;
    languages?: string[];
    utterances?: GladiaUtterance[];
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/**
 * What Gladia sends on failure (`error`): a `code` or `status_code`, a message, sometimes an exception name.
 * `event.error` already holds the code (either one, as a string) and the message.
 *
 * @example
 * ```ts
 * receiver.onFailed((e) => { if (e.provider === "gladia") log(e.payload.error?.exception); });
 * ```
 */
export interface GladiaError {
  code?: number | string;
  status_code?: number | string;
  message?: string;
  exception?: string;
  [key: string]: unknown;
}

/**
 * A Gladia v2 pre-recorded callback: `{ id, event, payload }` on success, `{ id, event, error }` on
 * failure, with the `custom_metadata` you set on the job.
 *
 * @example
 * ```ts
 * receiver.onComplete((e) => { if (e.provider === "gladia") save(e.payload.payload?.transcription?.full_transcript); });
 * ```
 */
export interface GladiaPayload {
  /** The job id. */
  id: string;
  event: "success" | "transcription.success" | "error" | "transcription.error" | (string & {});
  payload?: GladiaResult;
  error?: GladiaError;
  custom_metadata?: unknown;
  [key: string]: unknown;
}

/**
 * Gladia v2 pre-recorded callbacks (`"callback": true, "callback_config": { url, method }`): POST or
 * PUT JSON. The callbacks are not signed, so configure `urlToken` and give Gladia a URL from
 * `receiver.callbackUrl()`. (Gladia's dashboard webhooks are signed the Standard Webhooks way: use the
 * `standardwebhooks` provider for those.)
 *
 * Both event spellings of Gladia's own docs are accepted: `success` / `transcription.success` →
 * completed, `error` / `transcription.error` → failed (error `code` — or `status_code` — and `message`);
 * any other event → other. `providerStatus` is the event exactly as sent. `jobId` is `id`.
 *
 * The whole transcript comes inline, and Gladia tells receivers to allow 20 MB: the receiver's default
 * limit (25 MB) does. If you lower `maxBodyBytes` for the receiver, keep Gladia's at `"20mb"` or more.
 *
 * @example
 * ```ts
 * const receiver = createReceiver({ providers: { gladia: { urlToken: true } }, urlTokenSecret });
 * receiver.onComplete((e) => e.provider === "gladia" && save(e.payload.payload?.transcription?.full_transcript));
 * ```
 */
export const gladia = defineProvider<"gladia", GladiaPayload>({
  id: "gladia",
  name: "Gladia",
  docs: "https://docs.gladia.io/api-reference/v2/pre-recorded/callback/success",
  auth: "urlToken",
  methods: ["POST", "PUT"],
  formats: ["json"],
  jobId: "id",
  status: {
    field: "event",
    table: {
      success: "completed",
      "transcription.success": "completed",
      error: "failed",
      "transcription.error": "failed",
    },
  },
  error: {
    code: ["error.code", "error.status_code"],
    message: ["error.message", "error.exception"],
    fallback: "Gladia reported the transcription as failed",
  },
});
