import { defineProvider } from "./define-provider";

/** A Rev AI job, as sent in a notification. */
export interface RevAIJob {
  id: string;
  /** `transcribed` for transcription jobs; `completed` for the other job types. */
  status: "in_progress" | "transcribed" | "completed" | "failed" | (string & {});
  created_on?: string;
  completed_on?: string;
  name?: string;
  metadata?: string;
  duration_seconds?: number;
  media_url?: string;
  type?: string;
  language?: string;
  /** On failure: a machine-readable reason, e.g. `"download_failure"`. */
  failure?: string;
  /** On failure: a human-readable explanation. */
  failure_detail?: string;
  [key: string]: unknown;
}

/** What Rev AI POSTs to `notification_config.url` (or the older `callback_url`): `{ job }`. */
export interface RevAIPayload {
  job: RevAIJob;
  [key: string]: unknown;
}

/**
 * Rev AI: POST JSON `{ job: { id, status, … } }`, authenticated by the headers you list in
 * `notification_config.auth_headers` → configure `headers` with the same values (e.g.
 * `{ authorization: "Bearer <token>" }`). Rev AI retries every 30 minutes for 24 hours.
 * Status: `transcribed` (transcription jobs) and `completed` (Rev AI's other job types: language
 * identification, sentiment analysis, topic extraction; https://docs.rev.ai/api/) → completed,
 * `failed` → failed (with `failure` / `failure_detail`), `in_progress` → processing. `jobId` is `job.id`.
 */
export const revai = defineProvider<"revai", RevAIPayload>({
  id: "revai",
  name: "Rev AI",
  docs: "https://docs.rev.ai/api/asynchronous/reference/",
  auth: "headers",
  methods: ["POST"],
  formats: ["json"],
  jobId: "job.id",
  status: {
    field: "job.status",
    table: { transcribed: "completed", completed: "completed", failed: "failed", in_progress: "processing" },
  },
  error: { code: "job.failure", message: "job.failure_detail", fallback: "Rev AI failed the job" },
});
