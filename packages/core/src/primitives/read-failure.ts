/** Why a body stream could not be read; read-body.ts turns each into its WebhookError. */
export type ReadFailure =
  | "too_large"
  | "timeout"
  | "aborted"
  | "length_mismatch"
  | "already_read"
  | "encoding_set";

/** Options of a body reader. */
export interface ReadStreamOptions {
  /** Most bytes accepted. */
  limit: number;
  /** How long the whole body may take. */
  timeoutMs: number;
  /** The Content-Length header as a number, if any (checked against a Node stream's length). */
  declaredLength?: number;
}

/** An Error whose `reason` says what went wrong. */
export const readFailure = (reason: ReadFailure, cause?: unknown): Error & { reason: ReadFailure } =>
  Object.assign(new Error(`body: ${reason}`, cause === undefined ? {} : { cause }), { reason });
