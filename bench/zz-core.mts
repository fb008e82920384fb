import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { Readable } from "node:stream";
import { createReceiver } from "../packages/core/src/index";
import { BENCH_SECRET, bodyParts } from "./payload";

const PATH = "/webhooks/instanttranscriber";
const { prefix, suffix } = bodyParts(1536);
const receiver = createReceiver({ providers: { instanttranscriber: { secret: BENCH_SECRET } } });
let words = 0;
receiver.onComplete((e) => {
  words += (e.payload as any).words.length;
});
const mk = () => {
  const body = Buffer.concat([prefix, suffix(randomUUID())]);
  return { body, signature: `sha256=${createHmac("sha256", BENCH_SECRET).update(body).digest("hex")}` };
};
const stream = (body: Buffer) =>
  new Readable({
    read() {
      this.push(body);
      this.push(null);
    },
  });
async function hand(d: { body: Buffer; signature: string }) {
  const s = stream(d.body);
  const body: Buffer = await new Promise((res, rej) => {
    const chunks: Buffer[] = [];
    s.on("data", (c) => chunks.push(c));
    s.on("end", () => res(Buffer.concat(chunks)));
    s.on("error", rej);
  });
  const given = Buffer.from(d.signature.slice(7), "hex");
  const exp = createHmac("sha256", BENCH_SECRET).update(body).digest();
  if (!timingSafeEqual(given, exp)) throw new Error("sig");
  const p = JSON.parse(body.toString("utf8"));
  words += p.words.length;
}
async function ours(d: { body: Buffer; signature: string }) {
  const res = await receiver.handle({
    method: "POST",
    url: PATH,
    headers: {
      "content-type": "application/json",
      "content-length": String(d.body.length),
      "x-instanttranscriber-signature": d.signature,
    },
    rawHeaders: [
      "Content-Type",
      "application/json",
      "Content-Length",
      String(d.body.length),
      "X-InstantTranscriber-Signature",
      d.signature,
    ],
    body: stream(d.body),
    ip: "127.0.0.1",
  });
  if (res.status !== 200) throw new Error(res.body);
}
const mode = process.argv[2] ?? "both";
async function run(f: any, n: number) {
  const ds = Array.from({ length: n }, mk);
  const t = process.cpuUsage();
  for (const d of ds) await f(d);
  const u = process.cpuUsage(t);
  return (u.user + u.system) / n;
}
if (mode === "profile") {
  for (let i = 0; i < 10; i++) await run(ours, 20000);
} else
  for (let r = 0; r < 6; r++)
    console.log("hand", (await run(hand, 20000)).toFixed(2), "ours", (await run(ours, 20000)).toFixed(2));
