/**
 * Why fetching a result failed.
 *
 * @example
 * ```ts
 * const retryable = (code: TranscriptErrorCode) => code === "rate_limited" || code === "timeout";
 * ```
 */
export type TranscriptErrorCode =
  | "no_api_key"
  | "unauthorized"
  | "not_found"
  | "rate_limited"
  | "provider_error"
  | "timeout"
  | "unsupported";

/**
 * A failed result fetch: `code`, `provider`, `jobId`, the HTTP `status` where there was one, and the
 * provider's own message as `cause`. The API key never appears in a message, a cause or `toJSON()`.
 *
 * @example
 * ```ts
 * try { await event.transcript(); }
 * catch (err) { if (err instanceof TranscriptError && err.code === "rate_limited") retryLater(); else throw err; }
 * ```
 */
export class TranscriptError extends Error {
  override readonly name = "TranscriptError";
  readonly code: TranscriptErrorCode;
  readonly provider: string;
  readonly jobId: string;
  readonly status?: number;

  constructor(
    code: TranscriptErrorCode,
    message: string,
    details: { provider: string; jobId: string; status?: number; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.provider = details.provider;
    this.jobId = details.jobId;
    if (details.status !== undefined) this.status = details.status;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      provider: this.provider,
      jobId: this.jobId,
      ...(this.status === undefined ? {} : { status: this.status }),
      message: this.message,
    };
  }
}

/** Replaces every occurrence of each secret in `text`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join("[redacted]");
  return out;
}
