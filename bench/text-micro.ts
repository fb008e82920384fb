/**
 * Micro-benchmark of the two steps between a JSON body's bytes and `JSON.parse`: bytes to text
 * (`TextDecoder`, and the Latin-1 copy tried in its place, see bench/NOTES.md) and the prototype-poisoning
 * pre-check (`mayPoison` in core/src/json/parse-json.ts), on
 * 1 MB of the bench's InstantTranscriber body and of a Deepgram-shaped one (`punctuated_word`,
 * `start_time`: many underscores). Microseconds a body, best of 5 rounds. A standalone script, not
 * part of `pnpm bench`; run it on a quiet machine:
 *
 *   node --import tsx bench/text-micro.ts
 */
import { Buffer, isAscii } from "node:buffer";
import { bodyParts } from "./payload";

const MB = 1024 * 1024;

function deepgramShaped(bytes: number): Buffer {
  const vocabulary =
    "so the quarterly numbers were better than we expected and the team shipped on time".split(" ");
  const words: string[] = [];
  for (let i = 0, length = 0; length < bytes; i++) {
    const w = vocabulary[i % vocabulary.length]!;
    const word = `{"word":"${w}","start_time":${(i * 0.3).toFixed(2)},"end_time":${(i * 0.3 + 0.2).toFixed(2)},"confidence":0.9${i % 10},"punctuated_word":"${w}","speaker":${i % 3}}`;
    words.push(word);
    length += word.length + 1;
  }
  return Buffer.from(`{"results":{"channels":[{"alternatives":[{"words":[${words.join(",")}]}]}]}}`);
}

function time(run: () => unknown, count = 200): number {
  const best: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) run();
    best.push(Number(process.hrtime.bigint() - start) / count / 1000);
  }
  return Math.min(...best);
}

const { prefix, suffix } = bodyParts(MB);
const bodies = { instanttranscriber: Buffer.concat([prefix, suffix("job-1")]), deepgram: deepgramShaped(MB) };
const decoder = new TextDecoder();
for (const [name, body] of Object.entries(bodies)) {
  const text = body.toString("latin1");
  const rows: [string, number][] = [
    ["TextDecoder.decode", time(() => decoder.decode(body))],
    ["isAscii + Latin-1 copy (tried, not kept)", time(() => isAscii(body) && body.toString("latin1"))],
    ['includes "\\u"', time(() => text.includes("\\u"))],
    ['includes "__proto__"', time(() => text.includes("__proto__"))],
    ['includes "constructor"', time(() => text.includes("constructor"))],
    ['includes "proto"', time(() => text.includes("proto"))],
    ["JSON.parse", time(() => JSON.parse(text), 20)],
  ];
  console.log(`\n${name}, ${(body.length / MB).toFixed(2)} MB`);
  for (const [step, us] of rows) console.log(`  ${step.padEnd(40)} ${us.toFixed(0).padStart(6)} µs`);
}
