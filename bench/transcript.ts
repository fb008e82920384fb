// `node --import tsx bench/transcript.ts`: the cost of event.transcript() on an inline 1 MB Deepgram
// result, against one JSON.parse of the same body. The target is ≤ 1.2×: transcript() may parse the
// deferred transcript member once (the receiver left it unparsed) and map it, but never parse twice.
// A micro-benchmark in one process, interleaved so that load on the machine hits both sides alike;
// not part of `pnpm bench`. BENCH_TRANSCRIPT_RUNS sets the number of runs (default 40).
import { performance } from "node:perf_hooks";
import { createReceiver, type TranscriptionEvent } from "../packages/core/src/index";

const RUNS = Number(process.env.BENCH_TRANSCRIPT_RUNS ?? 40);
const TARGET = 1.2;

/** A Deepgram `/v1/listen` result of about `bytes` bytes: words with speakers, utterances, metadata. */
function deepgramBody(bytes: number, requestId: string): string {
  const vocabulary = [
    "the",
    "meeting",
    "starts",
    "at",
    "nine",
    "transcription",
    "webhook",
    "provider",
    "okay",
  ];
  const words: unknown[] = [];
  const head = { metadata: { request_id: requestId, duration: 0, channels: 1, models: ["nova-2"] } };
  let size = 400;
  for (let i = 0; size < bytes * 0.89; i++) {
    const w = vocabulary[i % vocabulary.length]!;
    const word = {
      word: w,
      start: Number((i * 0.37).toFixed(2)),
      end: Number((i * 0.37 + 0.31).toFixed(2)),
      confidence: 0.9 + (i % 10) / 100,
      speaker: Math.floor(i / 40) % 2,
      speaker_confidence: 0.8,
      punctuated_word: i % 12 === 11 ? `${w}.` : w,
    };
    words.push(word);
    size += JSON.stringify(word).length + 1;
  }
  const utterances = [];
  for (let i = 0; i < words.length; i += 40) {
    const run = words.slice(i, i + 40) as {
      start: number;
      end: number;
      punctuated_word: string;
      speaker: number;
    }[];
    utterances.push({
      start: run[0]!.start,
      end: run[run.length - 1]!.end,
      confidence: 0.95,
      channel: 0,
      transcript: run.map((w) => w.punctuated_word).join(" "),
      speaker: run[0]!.speaker,
      id: `u${i}`,
      words: [],
    });
  }
  const transcript = (words as { punctuated_word: string }[]).map((w) => w.punctuated_word).join(" ");
  head.metadata.duration = (words.length * 0.37) | 0;
  return JSON.stringify({
    ...head,
    results: { channels: [{ alternatives: [{ transcript, confidence: 0.97, words }] }], utterances },
  });
}

const receiver = createReceiver({ providers: { deepgram: { headers: { "dg-token": "bench" } } } });
let last: TranscriptionEvent | undefined;
receiver.onComplete((e) => {
  last = e;
});

async function eventFor(body: string): Promise<TranscriptionEvent> {
  const res = await receiver.handle({
    method: "POST",
    url: "/webhooks/deepgram",
    headers: { "content-type": "application/json", "dg-token": "bench" },
    body: Buffer.from(body),
  });
  if (res.status !== 200) throw new Error(`delivery answered ${res.status}: ${res.body}`);
  return last!;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const parse: number[] = [];
const delivery: number[] = [];
const transcript: number[] = [];
let size = 0;
for (let run = -3; run < RUNS; run++) {
  const body = deepgramBody(1024 * 1024, `req-${run + 10}-${Math.random()}`);
  size = Buffer.byteLength(body);
  let t = performance.now();
  const event = await eventFor(body);
  const d = performance.now() - t;
  t = performance.now();
  JSON.parse(body);
  const p = performance.now() - t;
  t = performance.now();
  const result = await event.transcript();
  const x = performance.now() - t;
  if (result.words!.length < 1000) throw new Error("the benchmark body is not the size it should be");
  if (run >= 0) {
    parse.push(p);
    delivery.push(d);
    transcript.push(x);
  }
}
const ratio = median(transcript) / median(parse);
console.log(`body ${(size / 1024 / 1024).toFixed(2)} MB, ${RUNS} runs (medians)`);
console.log(`JSON.parse(body)       ${median(parse).toFixed(2)} ms`);
console.log(`event.transcript()     ${median(transcript).toFixed(2)} ms`);
console.log(
  `(the whole delivery: verify, scan, parse, normalise, dedupe, handlers: ${median(delivery).toFixed(2)} ms)`,
);
console.log(`ratio                  ${ratio.toFixed(2)}× (target ≤ ${TARGET}×)`);
process.exitCode = ratio <= TARGET ? 0 : 1;
