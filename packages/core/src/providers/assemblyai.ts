import { URL_TOKEN_PARAM } from "../verify/url-token";
import { defineProvider } from "./define-provider";
import { str } from "./fields";

/**
 * What AssemblyAI POSTs: `{ transcript_id, status }`, or after PII audio redaction `{ redacted_audio_url, status }`.
 *
 * @example
 * ```ts
 * receiver.on("transcription.updated", (e) => {
 *   if (e.provider === "assemblyai" && e.payload.status === "redacted_audio_ready") save(e.jobId, e.payload.redacted_audio_url);
 * });
 * ```
 */
export interface AssemblyAIPayload {
  /** Absent from the `redacted_audio_ready` call. */
  transcript_id?: string;
  status: "completed" | "error" | "redacted_audio_ready" | (string & {});
  /** With `status: "redacted_audio_ready"`: where to download the redacted audio. */
  redacted_audio_url?: string;
  [key: string]: unknown;
}

/**
 * AssemblyAI: POST JSON, authenticated only by the header you chose (`webhook_auth_header_name/value`)
 * → configure `headers`. Fixed egress addresses (US 44.238.19.20, EU 54.220.25.36):
 * `allowIps: "documented"`. AssemblyAI must get a 2xx within 10 s, retries 10 times, and never
 * retries after a 4xx.
 *
 * Status: `completed` → completed, `error` → failed, `redacted_audio_ready` (and anything else) →
 * other (`transcription.updated`). `jobId` is `transcript_id`.
 *
 * The redacted-audio call (PII audio redaction) has no transcript id in its body: the id is only in
 * the URL you gave. Carry it in the signed callback URL's metadata — `receiver.callbackUrl({ provider:
 * "assemblyai", baseUrl, metadata: { jobId } })` (`transcript_id` works too) — or, with header
 * authentication and no signed URL, as a `transcript_id` query parameter on `webhook_url` (the extra
 * query parameters of a signed URL are never trusted). Its idempotency key
 * (`assemblyai:<id>:redacted_audio_ready`) differs from the completed call's, so both are delivered.
 *
 * @example
 * ```ts
 * createReceiver({
 *   providers: { assemblyai: { headers: { "x-webhook-token": process.env.AAI_TOKEN! }, allowIps: "documented" } },
 *   urlTokenSecret: process.env.CALLBACK_URL_SECRET, // for redacted_audio_ready with signed metadata
 * });
 * ```
 */
export const assemblyai = defineProvider<"assemblyai", AssemblyAIPayload>({
  id: "assemblyai",
  name: "AssemblyAI",
  docs: "https://www.assemblyai.com/docs/deployment/webhooks-for-pre-recorded-audio",
  auth: "headers",
  methods: ["POST"],
  formats: ["json"],
  documentedIps: ["44.238.19.20", "54.220.25.36"],
  jobId: "transcript_id",
  status: {
    field: "status",
    table: { completed: "completed", error: "failed", redacted_audio_ready: "other" },
  },
  error: { fallback: "AssemblyAI reported the transcript as failed; fetch it for the error" },
  normalise(_payload, ctx, declared) {
    if (declared.jobId) return declared;
    // The body wins; the URL is the fallback for the redacted-audio call. A signed URL's own query
    // parameters are not covered by its token, so then only the signed metadata counts.
    const signedUrl = ctx.url.searchParams.has(URL_TOKEN_PARAM);
    const jobId =
      str(ctx.metadata.jobId) ??
      str(ctx.metadata.transcript_id) ??
      (signedUrl ? undefined : str(ctx.url.searchParams.get("transcript_id")));
    return { ...declared, jobId };
  },
});
