import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { RequestBody } from "../src/http";
import { WebhookError } from "../src/index";
import { readStream as nodeReader } from "../src/primitives/read-node";
import { readStream as webReader } from "../src/primitives/read-web";
import { type ReadBodyOptions, readBodyWith } from "../src/read-body";

const opts = { limit: 1024, timeoutMs: 5_000 };

async function errOf(p: Promise<unknown>): Promise<WebhookError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(WebhookError);
    return e as WebhookError;
  }
  throw new Error("expected a rejection");
}

/** A Node stream that counts how often it was asked for data, and how many bytes it gave. */
function countingStream(chunks: Buffer[]) {
  const stats = { reads: 0, bytes: 0 };
  const queue = [...chunks];
  const stream = new Readable({
    read() {
      stats.reads++;
      const next = queue.shift();
      if (next) stats.bytes += next.length;
      this.push(next ?? null);
    },
  });
  return { stream, stats };
}

/** A stream that gives one byte every `everyMs` and never ends on its own. */
function trickle(everyMs: number) {
  const stream = new PassThrough();
  const timer = setInterval(() => stream.write("x"), everyMs);
  stream.on("close", () => clearInterval(timer));
  return { stream, stop: () => clearInterval(timer) };
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

// Both stream readers (`#read-body` for Node and for every other runtime) must behave the same.
describe.each([
  ["node", nodeReader],
  ["web", webReader],
] as const)("readBody with the %s reader", (_, reader) => {
  const readBody = (body: RequestBody, options: ReadBodyOptions) => readBodyWith(reader, body, options);

  it("uses bytes as they are, without a copy", async () => {
    const backing = Buffer.from('xx{"a":1}yy');
    const view = backing.subarray(2, 9);
    const out = await readBody(view, opts);
    expect(text(out)).toBe('{"a":1}');
    expect(out.buffer).toBe(backing.buffer); // same memory
    const u8 = new Uint8Array([1, 2, 3]);
    expect([...(await readBody(u8, opts))]).toEqual([1, 2, 3]);
  });
  it("reads a string as UTF-8", async () => {
    expect([...(await readBody("héllo", opts))]).toEqual([...Buffer.from("héllo", "utf8")]);
  });
  it("reads undefined and null as an empty body", async () => {
    expect((await readBody(undefined, opts)).length).toBe(0);
    expect((await readBody(null, opts)).length).toBe(0);
  });
  it("reads a Node stream", async () => {
    const { stream } = countingStream([Buffer.from("ab"), Buffer.from("cd")]);
    expect(text(await readBody(stream, opts))).toBe("abcd");
  });
  it("reads a Web ReadableStream", async () => {
    const web = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode("hello "));
        c.enqueue(new TextEncoder().encode("web"));
        c.close();
      },
    });
    expect(text(await readBody(web, opts))).toBe("hello web");
  });
  it("reads an async iterable of bytes and strings", async () => {
    async function* gen() {
      yield Buffer.from("a");
      yield "b";
      yield new Uint8Array([0x63]);
    }
    expect(text(await readBody(gen(), opts))).toBe("abc");
  });
  it("refuses a declared Content-Length over the limit with 413 before reading a byte", async () => {
    const { stream, stats } = countingStream([Buffer.alloc(2048)]);
    const e = await errOf(readBody(stream, { ...opts, declaredLength: 2048 }));
    expect(e.status).toBe(413);
    expect(e.code).toBe("body_too_large");
    expect(e.headers.connection).toBe("close");
    expect(stats.reads).toBe(0);
    expect(stats.bytes).toBe(0);
    expect(stream.readableFlowing).toBe(null); // nobody attached a data listener
  });
  it("accepts a body exactly at the limit", async () => {
    expect((await readBody(Buffer.alloc(1024), opts)).length).toBe(1024);
    const { stream } = countingStream([Buffer.alloc(1000), Buffer.alloc(24)]);
    expect((await readBody(stream, { ...opts, declaredLength: 1024 })).length).toBe(1024);
  });
  it("refuses bytes or a string over the limit", async () => {
    expect((await errOf(readBody(Buffer.alloc(1025), opts))).status).toBe(413);
    expect((await errOf(readBody("x".repeat(1025), opts))).status).toBe(413);
  });
  it("cuts a chunked (undeclared) stream at the limit without reading it to the end", async () => {
    const chunks = Array.from({ length: 100 }, () => Buffer.alloc(512));
    const { stream, stats } = countingStream(chunks);
    const e = await errOf(readBody(stream, opts));
    expect(e.status).toBe(413);
    expect(stats.bytes).toBeLessThan((100 * 512) / 2);
  });
  it("cuts a Web stream at the limit and cancels it", async () => {
    let pulls = 0;
    let cancelled = false;
    const web = new ReadableStream<Uint8Array>({
      pull(c) {
        pulls++;
        c.enqueue(new Uint8Array(512));
      },
      cancel() {
        cancelled = true;
      },
    });
    const e = await errOf(readBody(web, opts));
    expect(e.status).toBe(413);
    expect(pulls).toBeLessThan(50);
    await new Promise((r) => setImmediate(r));
    expect(cancelled).toBe(true);
  });
  it("answers 408 when a trickling Node stream misses the deadline", async () => {
    const { stream, stop } = trickle(10);
    const e = await errOf(readBody(stream, { ...opts, timeoutMs: 60 }));
    stop();
    expect(e.status).toBe(408);
    expect(e.code).toBe("body_timeout");
    expect(e.headers.connection).toBe("close");
    // a server's request stream is left for the server to close, not destroyed
    expect(stream.destroyed).toBe(false);
  });
  it("answers 408 and stops a Web stream that never finishes", async () => {
    let cancelled = false;
    const web = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([1]));
      },
      cancel() {
        cancelled = true;
      },
    });
    const e = await errOf(readBody(web, { ...opts, timeoutMs: 40 }));
    expect(e.status).toBe(408);
    await new Promise((r) => setImmediate(r));
    expect(cancelled).toBe(true);
  });
  it("answers 500 body_already_parsed for a stream already consumed", async () => {
    const { stream } = countingStream([Buffer.from("{}")]);
    stream.resume();
    await new Promise((r) => stream.on("end", r));
    const e = await errOf(readBody(stream, opts));
    expect(e.status).toBe(500);
    expect(e.code).toBe("body_already_parsed");
    expect(e.message).toContain("express.json()");
  });
  it("answers 500 body_already_parsed for a Web stream already locked by a reader", async () => {
    const web = new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    web.getReader();
    const e = await errOf(readBody(web, opts));
    expect(e.code).toBe("body_already_parsed");
  });
  it("answers 500 (not a 4xx that stops retries) for a stream with an encoding set", async () => {
    const { stream } = countingStream([Buffer.from("abc")]);
    stream.setEncoding("utf8");
    const e = await errOf(readBody(stream, opts));
    expect(e.status).toBe(500);
  });
  it("answers 400 when the stream is shorter than its declared length", async () => {
    const { stream } = countingStream([Buffer.from("abc")]);
    const e = await errOf(readBody(stream, { ...opts, declaredLength: 10 }));
    expect(e.status).toBe(400);
    expect(e.code).toBe("body_malformed");
  });
  it("answers 400 body_aborted when the stream errors", async () => {
    const stream = new Readable({ read() {} });
    const p = readBody(stream, opts);
    stream.push("ab");
    stream.destroy(new Error("socket hang up"));
    const e = await errOf(p);
    expect(e.status).toBe(400);
    expect(e.code).toBe("body_aborted");
  });
  it("ignores a Content-Length that is not a number", async () => {
    const { stream } = countingStream([Buffer.from("abc")]);
    expect(text(await readBody(stream, { ...opts, declaredLength: Number("abc") }))).toBe("abc");
  });
});

describe("readBody with the node reader and a declared length", () => {
  const readBody = (body: RequestBody, options: ReadBodyOptions) => readBodyWith(nodeReader, body, options);

  it("reads the declared bytes across chunks into one buffer of that length", async () => {
    const { stream } = countingStream([Buffer.from("ab"), Buffer.from("cde"), Buffer.from("f")]);
    const out = await readBody(stream, { ...opts, declaredLength: 6 });
    expect(text(out)).toBe("abcdef");
    expect(out.byteLength).toBe(6);
  });
  it("answers 400 when the stream is longer than its declared length, and stops reading it", async () => {
    const { stream } = countingStream(Array.from({ length: 100 }, () => Buffer.alloc(64, 97)));
    const e = await errOf(readBody(stream, { ...opts, limit: 100_000, declaredLength: 100 }));
    expect(e.status).toBe(400);
    expect(e.code).toBe("body_malformed");
    expect(stream.isPaused()).toBe(true);
    expect(stream.listenerCount("data")).toBe(0);
    expect(stream.destroyed).toBe(false);
  });
  it("keeps a body that came in one chunk of the declared length as that chunk, without a copy", async () => {
    const chunk = Buffer.from('{"a":1}');
    const { stream } = countingStream([chunk]);
    const out = await readBody(stream, { ...opts, declaredLength: chunk.length });
    expect(out.buffer).toBe(chunk.buffer);
    expect(text(out)).toBe('{"a":1}');
  });
  it("reads an empty body of declared length 0", async () => {
    const { stream } = countingStream([]);
    expect((await readBody(stream, { ...opts, declaredLength: 0 })).byteLength).toBe(0);
  });
});
