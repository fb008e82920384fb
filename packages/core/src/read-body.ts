import { Readable } from "node:stream";
import getRawBody from "raw-body";
import { WebhookError } from "./errors";
import type { RequestBody } from "./http";

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

/**
 * Reads a request body into one Buffer, under a byte limit and a deadline. Bytes given as bytes are
 * used as they are (no copy). Throws a `WebhookError`: 413 `body_too_large`, 408 `body_timeout`,
 * 400 `body_aborted`, 500 `body_already_parsed`.
 *
 * @example
 * ```ts
 * const bytes = await readBody(req, { limit: 25 * 1024 * 1024, timeoutMs: 30_000,
 *                                     declaredLength: Number(req.headers["content-length"]) });
 * ```
 */
export async function readBody(body: RequestBody, options: ReadBodyOptions): Promise<Buffer> {
  const { limit, declaredLength } = options;
  if (declaredLength !== undefined && declaredLength > limit) throw tooLarge(limit);
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === "string" || body instanceof Uint8Array) {
    const bytes =
      typeof body === "string"
        ? Buffer.from(body)
        : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (bytes.length > limit) throw tooLarge(limit);
    return bytes;
  }
  const node = isNodeReadable(body);
  if (node && (node.readableEnded || node.readable === false)) throw alreadyParsed();
  // Our own wrapper around a Web stream or iterable may be destroyed on timeout; a server's request may not,
  // or no 408 could be sent on its socket.
  const stream = node ?? wrap(body);

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      if (node) {
        node.unpipe?.();
        node.pause();
      } else stream.destroy();
      reject(
        new WebhookError(
          "body_timeout",
          408,
          `The body did not arrive within ${options.timeoutMs} ms`,
          CLOSE,
        ),
      );
    }, options.timeoutMs);
  });
  const reading = getRawBody(stream, {
    limit,
    length:
      node && declaredLength !== undefined && !Number.isNaN(declaredLength) ? declaredLength : undefined,
  });
  reading.catch(() => {}); // settled later when a timed-out socket closes; nothing is waiting then
  try {
    return await Promise.race([reading, deadline]);
  } catch (err) {
    // Our own wrapper is stopped so the source (a fetch body, a generator) is cancelled, not left pending.
    if (!node) stream.destroy();
    throw toWebhookError(err, limit);
  } finally {
    clearTimeout(timer);
  }
}

function toWebhookError(err: unknown, limit: number): unknown {
  if (err instanceof WebhookError) return err;
  const cause = { cause: err };
  const type = (err as { type?: string }).type;
  if (type === "entity.too.large") {
    return tooLarge(limit, err);
  }
  if (type === "request.aborted")
    return new WebhookError(
      "body_aborted",
      400,
      "The client closed the connection before the body was complete",
      {},
      cause,
    );
  if (type === "request.size.invalid") {
    return new WebhookError(
      "body_malformed",
      400,
      "The body is not as long as its Content-Length says",
      CLOSE,
      cause,
    );
  }
  if (type === "stream.not.readable") return alreadyParsed(err);
  // A developer error in the adapter, not the sender's: a 4xx would stop the provider's retries.
  if (type === "stream.encoding.set") {
    return new WebhookError(
      "internal_error",
      500,
      "The body stream has an encoding set; give scribehook bytes",
      {},
      cause,
    );
  }
  return new WebhookError("body_aborted", 400, "The body could not be read", {}, cause);
}

const tooLarge = (limit: number, cause?: unknown) =>
  new WebhookError(
    "body_too_large",
    413,
    `The body is larger than the limit of ${limit} bytes (maxBodyBytes)`,
    CLOSE,
    cause === undefined ? undefined : { cause },
  );

const alreadyParsed = (cause?: unknown) =>
  new WebhookError(
    "body_already_parsed",
    500,
    "The request body was already read by a body parser mounted before scribehook, so its signature cannot be checked. " +
      "Mount scribehook before express.json() / bodyParser() / koa-bodyparser, or keep the raw bytes as req.rawBody.",
    {},
    cause === undefined ? undefined : { cause },
  );

/**
 * A Web stream is wrapped with `Readable.fromWeb`, whose destroy cancels the stream even while a read
 * is pending (an async iterator's `return()` would wait for that read for ever).
 */
function wrap(body: object): Readable {
  if (typeof (body as ReadableStream).getReader === "function") {
    if ((body as ReadableStream).locked) throw alreadyParsed();
    return Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
  }
  return Readable.from(body as AsyncIterable<Uint8Array>, { objectMode: false });
}

function isNodeReadable(body: object): (Readable & { readableEnded?: boolean }) | undefined {
  const b = body as Readable;
  return typeof b.pipe === "function" && typeof b.on === "function" && typeof b.pause === "function"
    ? b
    : undefined;
}
