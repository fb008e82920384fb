import type { Readable } from "node:stream";
import getRawBody from "raw-body";
import { type ReadStreamOptions, readFailure } from "./read-failure";
import { readStream as readWebStream } from "./read-web";

// The body reader for Node (package.json `imports` → `#read-body`, condition "node"): a Node stream (the
// request of node:http, Express, Koa, Fastify) is read with raw-body, which is faster there; anything
// else goes to the web reader. Same API as read-web.ts.

/**
 * Reads a stream to its end under `limit` bytes and `timeoutMs`. A Node stream is paused on a timeout,
 * never destroyed, so the server can still answer 408 on its socket.
 */
export function readStream(body: object, options: ReadStreamOptions): Promise<Uint8Array> {
  const node = isNodeReadable(body);
  if (!node) return readWebStream(body, options);
  if (node.readableEnded || node.readable === false) return Promise.reject(readFailure("already_read"));
  const { limit, declaredLength } = options;
  return new Promise<Uint8Array>((resolve, reject) => {
    const timer = setTimeout(() => {
      node.unpipe?.();
      node.pause();
      reject(readFailure("timeout"));
    }, options.timeoutMs);
    // After a timeout this settles later, when the socket closes; nothing is waiting for it then.
    getRawBody(node, {
      limit,
      length: declaredLength !== undefined && !Number.isNaN(declaredLength) ? declaredLength : undefined,
    }).then(
      (bytes) => {
        clearTimeout(timer);
        resolve(bytes);
      },
      (err) => {
        clearTimeout(timer);
        reject((err as { reason?: string }).reason ? err : readFailure(reasonOf(err), err));
      },
    );
  });
}

function reasonOf(err: unknown) {
  switch ((err as { type?: string }).type) {
    case "entity.too.large":
      return "too_large";
    case "request.size.invalid":
      return "length_mismatch";
    case "stream.not.readable":
      return "already_read";
    case "stream.encoding.set":
      return "encoding_set";
    default:
      return "aborted";
  }
}

function isNodeReadable(body: object): (Readable & { readableEnded?: boolean }) | undefined {
  const b = body as Readable;
  return typeof b.pipe === "function" && typeof b.on === "function" && typeof b.pause === "function"
    ? b
    : undefined;
}
