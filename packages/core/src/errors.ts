import type { WebhookResponse } from "./http";

/** Every code a refused or failed delivery can carry, with the status it is answered with. */
export type WebhookErrorCode =
  | "not_found"
  | "provider_not_configured"
  | "method_not_allowed"
  | "ip_not_allowed"
  | "header_missing"
  | "header_mismatch"
  | "header_repeated"
  | "signature_missing"
  | "signature_mismatch"
  | "timestamp_missing"
  | "timestamp_too_old"
  | "timestamp_too_new"
  | "token_missing"
  | "token_invalid"
  | "token_expired"
  | "token_wrong_provider"
  | "body_too_large"
  | "body_timeout"
  | "body_aborted"
  | "body_malformed"
  | "unsupported_media_type"
  | "job_id_missing"
  | "handshake_invalid"
  | "body_already_parsed"
  | "in_progress"
  | "store_unavailable"
  | "store_full"
  | "handler_timeout"
  | "handler_failed"
  | "internal_error";

/**
 * The one error type of scribehook: a machine-readable `code`, the HTTP `status` it is answered
 * with, and a message that says how to fix the sender. Messages never contain a secret. An underlying
 * error is kept as `cause` (standard `Error#cause`), for logging; it is never put in the response.
 *
 * @example
 * ```ts
 * import { WebhookError } from "@scribehook/core";
 * throw new WebhookError("signature_mismatch", 401, "X-Signature does not match the body");
 * throw new WebhookError("store_unavailable", 503, "The store is down", { "retry-after": "30" }, { cause: err });
 * ```
 */
export class WebhookError extends Error {
  override readonly name = "WebhookError";
  constructor(
    readonly code: WebhookErrorCode,
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The JSON response `{"error":{"code","message"}}` this error is answered with. */
  toResponse(): WebhookResponse {
    return {
      status: this.status,
      headers: { "content-type": "application/json; charset=utf-8", ...this.headers },
      body: JSON.stringify({ error: { code: this.code, message: this.message } }),
    };
  }
}

/** A 401 for a failed authentication step. */
export const unauthorized = (code: WebhookErrorCode, message: string, cause?: unknown): WebhookError =>
  new WebhookError(code, 401, message, {}, cause === undefined ? undefined : { cause });

/** A 400 for a body that cannot be understood; retrying the same bytes cannot succeed. */
export const malformed = (
  message: string,
  code: WebhookErrorCode = "body_malformed",
  cause?: unknown,
): WebhookError => new WebhookError(code, 400, message, {}, cause === undefined ? undefined : { cause });
