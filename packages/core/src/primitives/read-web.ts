import { type ReadStreamOptions, readFailure } from "./read-failure";

// The body reader for every runtime (package.json `imports` → `#read-body`, the default): a Web
// `ReadableStream` (a Fetch `Request.body`) or any async iterable of bytes or strings, read under the
// byte limit and the deadline with nothing but web standards. read-node.ts hands it everything that is
// not a Node stream.

const encoder = new TextEncoder();

/**
 * Reads a stream to its end: refuses it as soon as it passes `limit` bytes, or when it has not ended
 * within `timeoutMs`, and then cancels it. A Node stream (a server's request) is read too but never
 * destroyed, so that the server can still answer on its socket.
 */
export async function readStream(body: object, options: ReadStreamOptions): Promise<Uint8Array> {
  const stream = body as ReadableStream<Uint8Array> & NodeLike;
  if (typeof stream.getReader === "function") {
    if (stream.locked) throw readFailure("already_read");
    const reader = stream.getReader();
    return collect(
      () => reader.read(),
      () => reader.cancel(),
      options,
      undefined,
    );
  }
  const node = typeof stream.pipe === "function" ? stream : undefined;
  if (node && (node.readableEnded || node.readable === false)) throw readFailure("already_read");
  if (node?.readableEncoding) throw readFailure("encoding_set");
  const iterator = (body as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  return collect(
    () => iterator.next(),
    () => (node ? undefined : iterator.return?.()),
    options,
    node ? options.declaredLength : undefined,
  );
}

interface NodeLike {
  pipe?: unknown;
  readableEnded?: boolean;
  readable?: boolean;
  readableEncoding?: string | null;
}

async function collect(
  next: () => Promise<IteratorResult<Uint8Array | string>>,
  stop: () => unknown,
  { limit, timeoutMs }: ReadStreamOptions,
  declaredLength: number | undefined,
): Promise<Uint8Array> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(readFailure("timeout")), timeoutMs);
  });
  deadline.catch(() => {});
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      let step: IteratorResult<Uint8Array | string>;
      try {
        step = await Promise.race([next(), deadline]);
      } catch (err) {
        throw (err as { reason?: string }).reason ? err : readFailure("aborted", err);
      }
      if (step.done) break;
      const chunk = typeof step.value === "string" ? encoder.encode(step.value) : step.value;
      size += chunk.byteLength;
      if (size > limit) throw readFailure("too_large");
      chunks.push(chunk);
    }
  } catch (err) {
    // Stopped so the source (a fetch body, a generator) is released, not left pending.
    Promise.resolve()
      .then(stop)
      .catch(() => {});
    throw err;
  } finally {
    clearTimeout(timer);
  }
  const usable = declaredLength !== undefined && Number.isFinite(declaredLength);
  if (usable && size !== declaredLength) throw readFailure("length_mismatch");
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
