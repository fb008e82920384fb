import { reviveEvent } from "@scribehook/core";
import { describe, expect, it } from "vitest";

// reviveEvent() restores what a queue stored with JSON.stringify, and refuses what is not an event.

const stored = {
  type: "transcription.completed",
  provider: "assemblyai",
  jobId: "j-1",
  status: "completed",
  providerStatus: "completed",
  idempotencyKey: "assemblyai:j-1:completed",
  receivedAt: "2026-11-30T11:00:00.000Z",
  source: "poll",
  metadata: { tenant: "t1" },
  payload: { transcript_id: "j-1" },
};

describe("reviveEvent", () => {
  it("keeps a 'poll' source, the metadata and the stored time", () => {
    const e = reviveEvent(JSON.parse(JSON.stringify(stored)));
    expect(e.source).toBe("poll");
    expect(e.metadata).toEqual({ tenant: "t1" });
    expect(e.receivedAt.toISOString()).toBe(stored.receivedAt);
    expect(e.transcript).toBeTypeOf("function");
  });

  it("an unknown source becomes 'callback'; missing metadata {}; an unreadable time is now", () => {
    const before = Date.now();
    const e = reviveEvent({ ...stored, source: "forged", metadata: undefined, receivedAt: "yesterday" });
    expect(e.source).toBe("callback");
    expect(e.metadata).toEqual({});
    expect(e.receivedAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  it.each([
    ["null", null],
    ["a string", "transcription.completed"],
    ["no jobId", { ...stored, jobId: undefined }],
    ["a numeric provider", { ...stored, provider: 1 }],
    ["no type", { ...stored, type: undefined }],
    ["no idempotency key", { ...stored, idempotencyKey: undefined }],
  ])("refuses %s with a TypeError", (_, data) => {
    expect(() => reviveEvent(data)).toThrow(TypeError);
  });
});
