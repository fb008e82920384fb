import { describe, expect, it } from "vitest";
import { createReceiver, type TranscriptionEvent } from "../src/index";

// A handler may freeze, clone or serialise the event it gets, whatever the body's size
// (a payload built from lazy getters broke all three from 64 KB on).

const TOKEN = "plain-payload-token-5e1";

const words = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ text: `w${i}`, start: i / 3, end: i / 3 + 0.25, confidence: 0.9 }));

describe("event.payload is a plain object", () => {
  it.each([
    ["1.5 KB", 20],
    ["100 KB", 1500],
    ["1 MB", 15000],
  ])("for a %s body: Object.freeze, structuredClone and JSON.stringify work", async (_, n) => {
    const receiver = createReceiver({ providers: { assemblyai: { headers: { "x-webhook-token": TOKEN } } } });
    const seen: unknown[] = [];
    receiver.onComplete((event: TranscriptionEvent) => {
      Object.freeze(event.payload);
      seen.push(structuredClone(event), JSON.parse(JSON.stringify(event)), Object.isFrozen(event.payload));
    });
    const body = JSON.stringify({ transcript_id: `tr_${n}`, status: "completed", words: words(n) });
    if (n > 20) expect(body.length).toBeGreaterThanOrEqual(64 * 1024);
    const res = await receiver.fetch(
      new Request("https://api.example.com/webhooks/assemblyai", {
        method: "POST",
        headers: { "x-webhook-token": TOKEN, "content-type": "application/json" },
        body,
      }),
    );
    expect(res.status).toBe(200);
    const [cloned, serialised, frozen] = seen as [TranscriptionEvent, TranscriptionEvent, boolean];
    expect(frozen).toBe(true);
    expect((cloned.payload as { words: unknown[] }).words).toEqual(words(n));
    expect(cloned.jobId).toBe(`tr_${n}`);
    expect((serialised.payload as { words: unknown[] }).words).toEqual(words(n));
  });
});
