import type { Readable } from "node:stream";
import { deadlinesOf } from "./deadline-queue";
import { type ReadFailure, type ReadStreamOptions, readFailure } from "./read-failure";
import { readStream as readWebStream } from "./read-web";

// The body reader for Node (package.json `imports` → `#read-body`, condition "node"): a Node stream (the
// request of node:http, Express, Koa, Fastify) is read by its events; anything else goes to the web
// reader. Same API as read-web.ts.

type NodeStream = Readable & { readableEnded?: boolean };

/**
 * Reads a Node stream to its end under `limit` bytes and `timeoutMs`. With a declared length (within
 * the limit, checked before) the bytes are copied into one buffer of that length as they arrive, so
 * the body is never held twice; without one, the chunks are joined at the end. A stream is paused on
 * a timeout or past the limit, never destroyed, so the server can still answer on its socket.
 */
export function readStream(body: object, options: ReadStreamOptions): Promise<Uint8Array> {
  const stream = isNodeReadable(body);
  if (!stream) return readWebStream(body, options);
  if (stream.readableEnded || stream.readable === false) return Promise.reject(readFailure("already_read"));
  if (stream.readableEncoding) return Promise.reject(readFailure("encoding_set"));
  const { limit, declaredLength } = options;
  const declared = declaredLength !== undefined && declaredLength >= 0 && Number.isInteger(declaredLength);
  return new Promise<Uint8Array>((resolve, reject) => {
    let whole: Buffer | undefined;
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const stop = (reason: ReadFailure, cause?: unknown) => {
      if (settled) return;
      settled = true;
      cancel();
      stream.removeListener("data", onData);
      stream.removeListener("end", onEnd);
      stream.unpipe?.();
      stream.pause();
      reject(readFailure(reason, cause));
    };
    const onData = (chunk: Buffer) => {
      const end = received + chunk.length;
      if (end > limit) return stop("too_large");
      if (declared) {
        if (end > declaredLength) return stop("length_mismatch");
        // A body that came in one chunk is that chunk; a longer one is copied into place.
        if (received === 0 && end === declaredLength) whole = chunk;
        else {
          whole ??= Buffer.allocUnsafe(declaredLength);
          chunk.copy(whole, received);
        }
      } else chunks.push(chunk);
      received = end;
    };
    const onEnd = () => {
      settled = true;
      cancel();
      stream.removeListener("error", onError);
      stream.removeListener("close", onClose);
      if (declared && received !== declaredLength) return reject(readFailure("length_mismatch"));
      resolve(declared ? (whole ?? Buffer.alloc(0)) : Buffer.concat(chunks, received));
    };
    // Kept after a stop: an "error" without a listener would crash the process.
    const onError = (err: unknown) => stop("aborted", err);
    // A request whose connection closed before its end: Node emits "close" (and "aborted").
    const onClose = () => stop("aborted");
    const cancel = deadlinesOf(options.timeoutMs).add(() => stop("timeout"));
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onError);
    stream.on("close", onClose);
  });
}

function isNodeReadable(body: object): NodeStream | undefined {
  const b = body as Readable;
  return typeof b.pipe === "function" && typeof b.on === "function" && typeof b.pause === "function"
    ? b
    : undefined;
}
