/**
 * Micro-benchmark: CPU time per delivery of `receiver.handle()` as the Node adapters call it (a Node
 * stream body), for a signed InstantTranscriber delivery whose handler reads the payload, against the
 * hand-written verification of the framework references (bench/servers/handwritten.ts) on the same
 * stream, in the same process, rounds interleaved. No HTTP and no framework: what is left is what
 * scribehook's contract costs (routing, dedupe, normalising, the handler deadline, the answer).
 * Three rows per size:
 * - hand-written: read the stream, HMAC, timingSafeEqual, JSON.parse, read the words;
 * - scribehook: the default memoryStore() filled to its bound, as in `pnpm bench`;
 * - scribehook, store that keeps nothing: the same, less what the dedupe store costs.
 * Prints medians of CPU µs (user + system) per delivery over 7 rounds. Uses the built core (plain
 * JS: under tsx, the sources would carry its name-keeping helper). A standalone script, not part of
 * `pnpm bench`; run it on a quiet machine after a build:
 *
 *   npx -y pnpm@10 build && node --import tsx bench/verify-parse-micro.ts
 */
import { createHmac, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { importDist } from "./dist";
import { BENCH_SECRET, bodyParts } from "./payload";
import { SIGNATURE_HEADER, verifyByHand } from "./servers/handwritten";
import { median } from "./stats";
import { fillToBound } from "./store";

const PATH = "/webhooks/instanttranscriber";
const ROUNDS = 7;

interface Delivery {
  body: Buffer;
  signature: string;
}
type Handle = (delivery: Delivery) => Promise<void>;

const streamOf = (body: Buffer) =>
  new Readable({
    read() {
      this.push(body);
      this.push(null);
    },
  });

const handWritten: Handle = async ({ body, signature }) => {
  const chunks: Buffer[] = [];
  for await (const chunk of streamOf(body)) chunks.push(chunk as Buffer);
  if (verifyByHand(Buffer.concat(chunks), signature) !== 200) throw new Error("hand-written: refused");
};

/** A dedupe store that remembers nothing: every key is new. */
const keepsNothing = {
  claim: async () => "claimed" as const,
  complete: async () => {},
  release: async () => {},
  renew: async () => true,
};

const { createReceiver, memoryStore } = await importDist("core");

function scribehook(store: object): Handle {
  const receiver = createReceiver({
    providers: { instanttranscriber: { secret: BENCH_SECRET } },
    maxBodyBytes: "25mb",
    store,
  });
  receiver.onComplete((event: { payload: { words?: unknown[] } }) => {
    if (!Array.isArray(event.payload.words)) throw new Error("payload not parsed");
  });
  return async ({ body, signature }) => {
    const res = await receiver.handle({
      method: "POST",
      url: PATH,
      headers: {
        "content-type": "application/json",
        "content-length": String(body.length),
        [SIGNATURE_HEADER]: signature,
      },
      body: streamOf(body),
      ip: "127.0.0.1",
    });
    if (res.status !== 200) throw new Error(`scribehook: status ${res.status}: ${res.body}`);
  };
}

/** CPU µs per delivery of `count` fresh deliveries. */
async function cpuPerDelivery(handle: Handle, bytes: number, count: number): Promise<number> {
  const { prefix, suffix } = bodyParts(bytes);
  const deliveries = Array.from({ length: count }, () => {
    const body = Buffer.concat([prefix, suffix(randomUUID())]);
    return { body, signature: `sha256=${createHmac("sha256", BENCH_SECRET).update(body).digest("hex")}` };
  });
  const start = process.cpuUsage();
  for (const delivery of deliveries) await handle(delivery);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

const filled = memoryStore({ warn: () => {} });
await fillToBound(filled);
const rows: [string, Handle][] = [
  ["hand-written", handWritten],
  ["scribehook, filled memoryStore()", scribehook(filled)],
  ["scribehook, store that keeps nothing", scribehook(keepsNothing)],
];
for (const [label, bytes, count] of [
  ["1.5 KB", 1536, 20_000],
  ["1 MB", 1024 * 1024, 60],
] as const) {
  const figures = rows.map(() => [] as number[]);
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [i, [, handle]] of rows.entries()) {
      const us = await cpuPerDelivery(handle, bytes, count);
      if (round > 0) figures[i]!.push(us); // round 0 warms up
    }
  }
  console.log(`${label}: median CPU µs per delivery over ${ROUNDS} rounds (min–max)`);
  for (const [i, [name]] of rows.entries()) {
    const xs = figures[i]!;
    console.log(
      `  ${name.padEnd(38)} ${median(xs).toFixed(1).padStart(8)}  (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`,
    );
  }
}
