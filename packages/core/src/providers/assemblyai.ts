import { defineProvider } from "./define-provider";

/** What AssemblyAI POSTs: `{ transcript_id, status }`, or after PII audio redaction `{ redacted_audio_url, status }`. */
export interface AssemblyAIPayload {
  transcript_id?: string;
  status: "completed" | "error" | "redacted_audio_ready" | (string & {});
  redacted_audio_url?: string;
  [key: string]: unknown;
}

/**
 * AssemblyAI: POST JSON, authenticated only by the header you chose (`webhook_auth_header_name/value`)
 * → configure `headers`. Fixed egress addresses: `allowIps: "documented"`. The redacted-audio call
 * has no transcript id in its body: the job id then comes from the signed callback URL's metadata
 * (`jobId` or `transcript_id`), else from a `transcript_id` query parameter of an authenticated request.
 */
export const assemblyai = defineProvider<"assemblyai", AssemblyAIPayload>({
  id: "assemblyai",
  name: "AssemblyAI",
  methods: ["POST"],
  formats: ["json"],
  documentedIps: ["44.238.19.20", "54.220.25.36"],
  normalise(payload, ctx) {
    const status = String(payload.status ?? "");
    const jobId =
      str(payload.transcript_id) ??
      ctx.metadata.jobId ??
      ctx.metadata.transcript_id ??
      ctx.url.searchParams.get("transcript_id") ??
      undefined;
    return {
      jobId,
      providerStatus: status,
      status: status === "completed" ? "completed" : status === "error" ? "failed" : "other",
      ...(status === "error"
        ? { error: { message: "AssemblyAI reported the transcript as failed; fetch it for the error" } }
        : {}),
      payload,
    };
  },
});

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
