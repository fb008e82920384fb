import { defineProvider } from "./define-provider";

/**
 * What 3Play Media sends when an order's status changes. 3Play documents every value as a string
 * (`"cancellable": "false"`), and form-encoded bodies can only carry strings, so fields are typed as such.
 *
 * @example
 * ```ts
 * receiver.onComplete((e) => { if (e.provider === "threeplay") download(e.payload.id); });
 * ```
 */
export interface ThreePlayPayload {
  /** The transcript id; fetch the result with it (Download Transcript). */
  id: string;
  status: "in_progress" | "complete" | "cancelled" | (string & {});
  media_file_id?: string;
  batch_id?: string;
  /** `"true"` or `"false"`. */
  cancellable?: string;
  reference_id?: string;
  duration?: string;
  type?: string;
  language_id?: string;
  cancellation_reason?: string;
  [key: string]: unknown;
}

/**
 * 3Play Media (API v3): POST whenever an order's status changes. 3Play does not sign or
 * authenticate its callbacks: it calls the exact URL you gave it, so configure `urlToken` and order
 * with a URL from `receiver.callbackUrl()` (valid at least 1 day for ASR, 2 weeks for human
 * transcription — the default lifetime is 14 days).
 *
 * Unconfirmed: 3Play's callback content type. The old API sent form fields and the v3 docs show every
 * value as a string, so both `application/x-www-form-urlencoded` and JSON are accepted.
 *
 * Status: `in_progress` → processing (`transcription.updated`), `complete` → completed, `cancelled`
 * → cancelled (`transcription.failed`, with `cancellation_reason` as the error message when sent);
 * any other status → other. `jobId` is the transcript `id`.
 *
 * @example
 * ```ts
 * const receiver = createReceiver({ providers: { threeplay: { urlToken: true } }, urlTokenSecret });
 * const callback = receiver.callbackUrl({ provider: "threeplay", baseUrl: "https://api.example.com" });
 * ```
 */
export const threeplay = defineProvider<"threeplay", ThreePlayPayload>({
  id: "threeplay",
  name: "3Play Media",
  docs: "https://docs.3playmedia.com/apiv3/quick_start",
  auth: "urlToken",
  methods: ["POST"],
  formats: ["form", "json"],
  jobId: "id",
  status: {
    field: "status",
    table: { in_progress: "processing", complete: "completed", cancelled: "cancelled" },
  },
  error: { message: "cancellation_reason", fallback: "3Play Media cancelled the order" },
});
