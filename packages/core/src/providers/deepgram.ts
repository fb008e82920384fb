import { defineProvider } from "./define-provider";
import { asObject, obj, str } from "./fields";

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
  methods: ["POST", "PUT"],
  formats: ["json"],
  parse: (body) => asObject(body, "Deepgram") as DeepgramPayload,
  normalise(payload) {
    const error = errorOf(payload);
    const providerStatus = error ? "error" : obj(payload.results) ? "completed" : "unknown";
    return {
      jobId: str(obj(payload.metadata)?.request_id) ?? str(payload.request_id),
      providerStatus,
      status: error ? "failed" : providerStatus === "completed" ? "completed" : "other",
      ...(error ? { error } : {}),
      payload,
    };
  },
});

/** The error of a Deepgram error body, current shape or older; `undefined` for a result. */
function errorOf(payload: DeepgramPayload): { code?: string; message?: string } | undefined {
  if (payload.err_code !== undefined || payload.err_msg !== undefined) {
    return { code: str(payload.err_code), message: str(payload.err_msg) };
  }
  if (!obj(payload.results) && str(payload.category) && str(payload.message)) {
    return { code: str(payload.category), message: str(payload.message) };
  }
  return undefined;
}
