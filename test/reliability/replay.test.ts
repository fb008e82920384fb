/**
 * An attacker who captured one genuine signed delivery replays it, varying everything the signature
 * does not cover: headers outside the signed data and the query string. The idempotency key and the
 * event's status must come from authenticated data only, so every replay is a duplicate (or refused)
 * and the handlers run exactly once.
 */
import { createReceiver, type TranscriptionEvent } from "@scribehook/core";
import { signDelivery } from "@scribehook/testing";
import { describe, expect, it } from "vitest";
import { SECRETS } from "./fixture";

/** Every built-in provider that authenticates by a signature over the body, with its secret. */
const SIGNED = {
  azure: SECRETS.hmac,
  ibm: SECRETS.hmac,
  elevenlabs: SECRETS.hmac,
  instanttranscriber: SECRETS.hmac,
  standardwebhooks: SECRETS.whsec,
} as const;

/** Unsigned headers an attacker can set freely; the Azure event header is the one that used to count. */
const HEADER_VARIANTS: Record<string, string>[] = [
  {},
  { "x-microsoftspeechservices-event": "TranscriptionCompletion" },
  { "x-microsoftspeechservices-event": "TranscriptionCreation" },
  { "x-microsoftspeechservices-event": "TranscriptionProcessing" },
  { "x-microsoftspeechservices-event": "TranscriptionDeletion" },
  { "x-microsoftspeechservices-event": "MadeUpEvent" },
  { "x-microsoftspeechservices-event": "transcriptioncompletion " },
  { "x-microsoftspeechservices-event": "" },
  { "svix-id": "msg_other", "x-scriptix-session": "other-session" },
  { "content-type": "application/json; charset=utf-8" },
];

/** Query strings the signature does not cover (`id`/`status` are where Speechmatics puts its job). */
const QUERY_VARIANTS = ["", "?id=other", "?status=error", "?transcript_id=other&status=failed", "?x=1"];

describe("a captured signed delivery replayed with varied unsigned headers and query", () => {
  it.each(Object.entries(SIGNED))("%s: the handlers run once", async (provider, secret) => {
    const receiver = createReceiver({
      providers: { [provider]: { secret } },
    });
    const calls: TranscriptionEvent[] = [];
    receiver.onAny((e) => {
      calls.push(e);
    });
    const captured = signDelivery(provider, { secret });
    const first = await receiver.handle({
      method: captured.method,
      url: captured.path,
      headers: captured.headers,
      body: captured.body,
    });
    expect(first.status).toBe(200);
    expect(calls).toHaveLength(1);

    const statuses = new Set<number>();
    for (const headers of HEADER_VARIANTS) {
      for (const query of QUERY_VARIANTS) {
        const res = await receiver.handle({
          method: captured.method,
          url: captured.path + query,
          headers: { ...captured.headers, ...headers },
          body: captured.body,
        });
        statuses.add(res.status);
      }
    }
    expect(calls).toHaveLength(1);
    expect([...statuses].every((s) => s === 200 || (s >= 400 && s < 500))).toBe(true);
  });

  it("azure: a made-up event header on a captured completion emits no second completed event", async () => {
    const receiver = createReceiver({ providers: { azure: { secret: SECRETS.hmac } } });
    const completed: TranscriptionEvent[] = [];
    receiver.onComplete((e) => {
      completed.push(e);
    });
    const d = signDelivery("azure", { secret: SECRETS.hmac });
    for (const event of ["TranscriptionCompletion", "NotAnEvent", "TranscriptionCompletion2"]) {
      const res = await receiver.handle({
        method: "POST",
        url: d.path,
        headers: { ...d.headers, "x-microsoftspeechservices-event": event },
        body: d.body,
      });
      expect(res.status).toBe(200);
    }
    expect(completed).toHaveLength(1);
    expect(completed[0]!.idempotencyKey).not.toContain("TranscriptionCompletion");
  });

  it("azure: a deletion event (the header may narrow) is acknowledged without a handler and does not use up the completion", async () => {
    const receiver = createReceiver({ providers: { azure: { secret: SECRETS.hmac } } });
    const calls: TranscriptionEvent[] = [];
    receiver.onAny((e) => {
      calls.push(e);
    });
    const d = signDelivery("azure", { secret: SECRETS.hmac });
    const deletion = await receiver.handle({
      method: "POST",
      url: d.path,
      headers: { ...d.headers, "x-microsoftspeechservices-event": "TranscriptionDeletion" },
      body: d.body,
    });
    expect({ status: deletion.status, body: JSON.parse(deletion.body) }).toEqual({
      status: 200,
      body: { ok: true, ignored: true },
    });
    expect(calls).toHaveLength(0);
    const completion = await receiver.handle({
      method: "POST",
      url: d.path,
      headers: d.headers,
      body: d.body,
    });
    expect(JSON.parse(completion.body)).toEqual({ ok: true });
    expect(calls.map((e) => e.type)).toEqual(["transcription.completed"]);
  });
});
