import { defineProvider } from "./define-provider";
import { asObject, str } from "./fields";

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
  methods: ["POST"],
  formats: ["form", "json"],
  successResponse: { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: "OK" },
  parse: (body) => asObject(body, "Verbit") as VerbitPayload,
  normalise(payload) {
    const status = str(payload.status) ?? "";
    return {
      jobId: str(payload.job_id),
      providerStatus: status,
      status: status === "Completed" ? "completed" : status === "Failure" ? "failed" : "other",
      ...(status === "Failure" ? { error: { message: "Verbit reported the job as failed" } } : {}),
      payload,
    };
  },
});
