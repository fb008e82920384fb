import { readStream } from "#read-body";
import { WebhookError } from "./errors";
import type { RequestBody } from "./http";
import type { ReadFailure, ReadStreamOptions } from "./primitives/read-failure";

/** Options of {@link readBody}. */
export interface ReadBodyOptions {
  /** Most bytes accepted. */
  limit: number;
  /** Give up (408) if the whole body has not arrived by then, in ms. */
  timeoutMs: number;
  /** The declared `Content-Length`, if any: over the limit is refused before a byte is read. */
  declaredLength?: number;
}

const CLOSE = { connection: "close" };
const encoder = new TextEncoder();

/** A stream reader: `#read-body`, which package.json `imports` resolves per runtime. */
export type StreamReader = (body: object, options: ReadStreamOptions) => Promise<Uint8Array>;

/**
 * Reads a request body into one byte array, under a byte limit and a deadline. Bytes given as bytes
 * are used as they are (no copy); a string is read as UTF-8; a Web `ReadableStream`, a Node stream or
 * any async iterable is read until it ends. A `declaredLength` over the limit is refused before a byte
 * is read; a stream is cut off as soon as it passes the limit. Throws a `WebhookError`: 413
 * `body_too_large`, 408 `body_timeout`, 400 `body_aborted` / `body_malformed`, 500 `body_already_parsed`.
 *
 * @example
 * ```ts
 * const bytes = await readBody(request.body, { limit: 25 * 1024 * 1024, timeoutMs: 30_000,
 *                                              declaredLength: Number(request.headers.get("content-length")) });
 * ```
 */
export const readBody = (body: RequestBody, options: ReadBodyOptions): Promise<Uint8Array> =>
  readBodyWith(readStream, body, options);

/** {@link readBody} with a given stream reader (the tests run both). */
export async function readBodyWith(
  read: StreamReader,
  body: RequestBody,
  options: ReadBodyOptions,
): Promise<Uint8Array> {
  const { limit, declaredLength } = options;
  if (declaredLength !== undefined && declaredLength > limit) throw tooLarge(limit);
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === "string" || body instanceof Uint8Array) {
    const bytes = typeof body === "string" ? encoder.encode(body) : body;
    if (bytes.byteLength > limit) throw tooLarge(limit);
    return bytes;
  }
  try {
    return await read(body, options);
  } catch (err) {
    // The reader's error (and the stream's, as its cause) stays the cause.
    const reason = (err as { reason?: ReadFailure }).reason;
    throw toWebhookError(reason ?? "aborted", options, { cause: err });
  }
}

function toWebhookError(
  reason: ReadFailure,
  { limit, timeoutMs }: ReadBodyOptions,
  cause: { cause: unknown },
): WebhookError {
  switch (reason) {
    case "too_large":
      return tooLarge(limit, cause);
    case "timeout":
      return new WebhookError(
        "body_timeout",
        408,
        `The body did not arrive within ${timeoutMs} ms`,
        CLOSE,
        cause,
      );
    case "length_mismatch":
      return new WebhookError(
        "body_malformed",
        400,
        "The body is not as long as its Content-Length says",
        CLOSE,
        cause,
      );
    case "already_read":
      return new WebhookError(
        "body_already_parsed",
        500,
        "The request body was already read by a body parser mounted before scribehook, so its signature cannot be checked. " +
          "Mount scribehook before express.json() / bodyParser() / koa-bodyparser, or keep the raw bytes as req.rawBody. " +
          "On a Fetch handler, give it the Request before anything reads the body (or a request.clone()).",
        {},
        cause,
      );
    case "encoding_set":
      // A developer error in the adapter, not the sender's: a 4xx would stop the provider's retries.
      return new WebhookError(
        "internal_error",
        500,
        "The body stream has an encoding set; give scribehook bytes",
        {},
        cause,
      );
    default:
      return new WebhookError(
        "body_aborted",
        400,
        "The client closed the connection before the body was complete",
        {},
        cause,
      );
  }
}

const tooLarge = (limit: number, cause?: { cause: unknown }) =>
  new WebhookError(
    "body_too_large",
    413,
    `The body is larger than the limit of ${limit} bytes (maxBodyBytes)`,
    CLOSE,
    cause,
  );
