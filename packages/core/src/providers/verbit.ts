import { defineProvider } from "./define-provider";

/** What Verbit POSTs to the account's callback URL (form-encoded; JSON is accepted too). */
export interface VerbitPayload {
  /** Verbit's job id. */
  job_id: string;
  /** Your own id for the job, if you gave one. */
  external_id?: string;
  status: "Completed" | "Failure" | (string & {});
  [key: string]: unknown;
}

/**
 * Verbit: POST form-encoded `job_id`, `external_id`, `status` to one URL set on the account. Verbit
 * cannot authenticate its calls → `urlToken: true` (register `receiver.callbackUrl(...)` with a long
 * `expiresIn`, since the URL is account-wide). The success answer is exactly the body `OK`
 * (`text/plain`), duplicates included: any other answer makes Verbit retry for 48 hours.
 * Status: `Completed` → completed, `Failure` → failed. `jobId` is `job_id`.
 */
export const verbit = defineProvider<"verbit", VerbitPayload>({
  id: "verbit",
  name: "Verbit",
  docs: "https://verbit.ai",
  auth: "urlToken",
  methods: ["POST"],
  formats: ["form", "json"],
  successResponse: { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: "OK" },
  jobId: "job_id",
  status: { field: "status", table: { Completed: "completed", Failure: "failed" } },
  error: { fallback: "Verbit reported the job as failed" },
});
