import { defineProvider } from "./define-provider";

/** What Soniox POSTs to `webhook_url`: `{ id, status }`; fetch the transcript with the id. */
export interface SonioxPayload {
  /** The transcription id. */
  id: string;
  status: "completed" | "error" | (string & {});
  [key: string]: unknown;
}

/**
 * Soniox async transcription: POST JSON `{ id, status }`, authenticated only by the header you chose
 * with `webhook_auth_header_name` / `webhook_auth_header_value` → configure `headers` with the same
 * name and value. Status: `completed` → completed, `error` → failed. `jobId` is `id`.
 */
export const soniox = defineProvider<"soniox", SonioxPayload>({
  id: "soniox",
  name: "Soniox",
  docs: "https://soniox.com/docs/stt/async/webhooks",
  auth: "headers",
  methods: ["POST"],
  formats: ["json"],
  jobId: "id",
  status: { field: "status", table: { completed: "completed", error: "failed" } },
  error: { fallback: "Soniox reported the transcription as failed; fetch it for the error" },
});
