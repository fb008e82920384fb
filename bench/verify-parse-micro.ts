/**
 * Micro-benchmark: time per delivery of `receiver.handle()` as the Node adapters call it (a Node
 * stream body), for a signed InstantTranscriber delivery whose handler reads the payload: read the body,
 * verify the HMAC, parse the JSON, normalise, claim in the memory store, run the handler.
 * Prints wall time and CPU time (user + system of this process) per delivery; on a shared machine the
 * CPU time is the steadier of the two. A standalone script, not part of `pnpm bench`; run it on a
 * quiet machine:
 *
 *   node --import tsx bench/verify-parse-micro.ts
 */
import { createHmac, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { createReceiver } from "../packages/core/src/index";
import { BENCH_SECRET, bodyParts } from "./payload";

const PATH = "/webhooks/instanttranscriber";

async function measure(
  bytes: number,
  count: number,
  rounds: number,
): Promise<{ wall: number[]; cpu: number[] }> {
  const { prefix, suffix } = bodyParts(bytes);
  const receiver = createReceiver({
    providers: { instanttranscriber: { secret: BENCH_SECRET } },
    maxBodyBytes: "25mb",
  });
  let words = 0;
  receiver.onComplete((event) => {
    words += (event.payload as { words?: unknown[] }).words?.length ?? 0;
  });
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < rounds + 1; round++) {
    const deliveries = Array.from({ length: count }, () => {
      const body = Buffer.concat([prefix, suffix(randomUUID())]);
      const signature = `sha256=${createHmac("sha256", BENCH_SECRET).update(body).digest("hex")}`;
      return { body, signature };
    });
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    for (const { body, signature } of deliveries) {
      const stream = new Readable({
        read() {
          this.push(body);
          this.push(null);
        },
      });
      const res = await receiver.handle({
        method: "POST",
        url: PATH,
        headers: {
          "content-type": "application/json",
          "content-length": String(body.length),
          "x-instanttranscriber-signature": signature,
        },
        body: stream,
        ip: "127.0.0.1",
      });
      if (res.status !== 200) throw new Error(`status ${res.status}: ${res.body}`);
    }
    const micros = Number(process.hrtime.bigint() - start) / 1000 / count;
    const used = process.cpuUsage(cpuStart);
    // Round 0 warms up.
    if (round > 0) {
      wall.push(micros);
      cpu.push((used.user + used.system) / count);
    }
  }
  if (words === 0) throw new Error("the handler read no words");
  return { wall, cpu };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const [label, bytes, count] of [
  ["1.5 KB", 1536, 4000],
  ["1 MB", 1024 * 1024, 60],
] as const) {
  const { wall, cpu } = await measure(bytes, count, 5);
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
  console.log(
    `${label}: median wall ${median(wall).toFixed(1)} µs, CPU ${median(cpu).toFixed(1)} µs per delivery ` +
      `(wall ${list(wall)}; CPU ${list(cpu)})`,
  );
}
