import { defineProvider } from "./define-provider";
import { obj, str } from "./fields";

/**
 * What Deepgram sends to `?callback=URL`: the same JSON body `/v1/listen` would have answered with.
 * A failed request is assumed to carry one of Deepgram's error bodies
 * (https://developers.deepgram.com/reference/errors): the current `{ category, message, details,
 * request_id }` or the older `{ err_code, err_msg, request_id }`. Unconfirmed: Deepgram does not
 * document its failure callback.
 */
export interface DeepgramPayload {
  metadata?: {
    request_id?: string;
    transaction_key?: string;
    sha256?: string;
    created?: string;
    duration?: number;
    channels?: number;
    models?: string[];
    [key: string]: unknown;
  };
  results?: {
    channels?: Array<{
      alternatives?: Array<{
        transcript?: string;
        confidence?: number;
        words?: unknown[];
        [key: string]: unknown;
      }>;
      [key: string]: unknown;
    }>;
    utterances?: unknown[];
    [key: string]: unknown;
  };
  /** On a failure, Deepgram's current error body (unconfirmed for callbacks), e.g. `"INVALID_JSON"`. */
  category?: string;
  message?: string;
  details?: string;
  /** On a failure, Deepgram's older error body (unconfirmed for callbacks). */
  err_code?: string;
  err_msg?: string;
  request_id?: string;
  [key: string]: unknown;
}

/**
 * Deepgram pre-recorded callbacks: POST, or PUT with `callback_method=put`; JSON.
 *
 * Authentication is by headers only (Deepgram does not sign):
 * - `dg-token`: Deepgram sets it to the identifier of the API key that submitted the request →
 *   `headers: { "dg-token": "<api key id>" }` (the key's id, not the secret key).
 * - Basic auth in the callback URL (`https://user:pass@host/webhooks/deepgram`): Deepgram sends it as
 *   an `Authorization` header → `headers: { authorization: "Basic " + base64("user:pass") }`.
 *
 * Deepgram sends no status field: `providerStatus` is `"completed"` for a body with `results`, `"error"`
 * for an error body (unconfirmed) — the current `{ category, message, details, request_id }` (error
 * code `category`, message `message`) or the older `{ err_code, err_msg, request_id }` — else
 * `"unknown"` (normalised to `other`). `jobId` is `metadata.request_id` (or the top-level `request_id`
 * of an error body).
 */
export const deepgram = defineProvider<"deepgram", DeepgramPayload>({
  id: "deepgram",
  name: "Deepgram",
  docs: "https://developers.deepgram.com/docs/callback",
  auth: "headers",
  methods: ["POST", "PUT"],
  formats: ["json"],
  jobId: ["metadata.request_id", "request_id"],
  // Deepgram sends no status: it is read off the body's shape.
  status: {
    field: (p: DeepgramPayload) => (isError(p) ? "error" : obj(p.results) ? "completed" : "unknown"),
    table: { completed: "completed", error: "failed" },
  },
  error: {
    code: ["err_code", "category"],
    message: ["err_msg", "message"],
    fallback: "Deepgram reported the request as failed",
  },
});

/** A Deepgram error body, current shape or older (not a result). */
function isError(payload: DeepgramPayload): boolean {
  if (payload.err_code !== undefined || payload.err_msg !== undefined) return true;
  return !obj(payload.results) && Boolean(str(payload.category) && str(payload.message));
}
