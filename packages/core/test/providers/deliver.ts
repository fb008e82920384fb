import { Readable } from "node:stream";
import type { Receiver, TranscriptionEvent } from "@scribehook/core";
import type { SampleDelivery } from "@scribehook/testing";
import { expect } from "vitest";

/** What one delivery led to: the response, its parsed body, and every event the handlers saw. */
export interface Outcome {
  status: number;
  headers: Record<string, string>;
  body: { ok?: boolean; duplicate?: boolean; error?: { code: string; message: string } };
  events: TranscriptionEvent[];
}

/**
 * Sends a sample delivery through `receiver.handle()` and records the events it produced.
 * `stream: true` sends the body as a Node stream with its Content-Length, as a server would.
 */
export async function deliver(
  receiver: Receiver,
  d: SampleDelivery,
  extra: { ip?: string; stream?: boolean } = {},
): Promise<Outcome> {
  const events: TranscriptionEvent[] = [];
  const off = receiver.onAny((e) => {
    events.push(e);
  });
  try {
    const bytes = Buffer.from(d.body);
    const res = await receiver.handle({
      method: d.method,
      url: d.path,
      headers: extra.stream ? { ...d.headers, "content-length": String(bytes.length) } : d.headers,
      body: extra.stream ? Readable.from(chunks(bytes, 64 * 1024)) : d.body,
      ip: extra.ip,
    });
    return { status: res.status, headers: res.headers, body: JSON.parse(res.body), events };
  } finally {
    off();
  }
}

function* chunks(bytes: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/**
 * The one event a processed delivery must produce, compared field by field (receivedAt: any recent
 * Date; `source` is `"callback"` unless given).
 */
export function expectOneEvent(
  outcome: Outcome,
  expected: Omit<TranscriptionEvent, "receivedAt" | "source" | "transcript" | "captions"> & {
    source?: TranscriptionEvent["source"];
  },
): void {
  expect(outcome.status).toBe(200);
  expect(outcome.body).toEqual({ ok: true });
  expect(outcome.events).toHaveLength(1);
  const [event] = outcome.events;
  const { receivedAt, ...rest } = event!;
  expect(receivedAt).toBeInstanceOf(Date);
  expect(Math.abs(Date.now() - receivedAt.getTime())).toBeLessThan(60_000);
  // toStrictEqual: an `error` key must be absent, not undefined, when the provider reported none.
  expect({ ...rest, payload: plain(rest.payload) }).toStrictEqual({
    source: "callback",
    ...expected,
    payload: plain(expected.payload),
  });
}

/** A refusal: status, code, and no handler called. */
export function expectRefused(outcome: Outcome, status: number, code: string): void {
  expect({ status: outcome.status, code: outcome.body.error?.code }).toEqual({ status, code });
  expect(outcome.events).toHaveLength(0);
}

/** Form bodies parse into null-prototype objects; compare them as plain data. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
