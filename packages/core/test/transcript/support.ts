import { inspect } from "node:util";
import type { Receiver, TranscriptionEvent } from "@scribehook/core";
import type { signDelivery } from "@scribehook/testing";
import { expect } from "vitest";

/** Hands a signed delivery to `receiver`, expects 200, and returns the event its handlers got. */
export async function eventFrom(
  receiver: Pick<Receiver, "onAny" | "handle">,
  d: ReturnType<typeof signDelivery>,
): Promise<TranscriptionEvent> {
  let event: TranscriptionEvent | undefined;
  receiver.onAny((e) => {
    event = e;
  });
  const res = await receiver.handle({ method: d.method, url: d.path, headers: d.headers, body: d.body });
  expect(res.status).toBe(200);
  return event!;
}

/** The secrets appear nowhere: message, JSON, cause chain, or util.inspect (stack traces included). */
export function expectNoSecret(err: unknown, secrets: string[]) {
  const seen = [
    String(err),
    JSON.stringify(err),
    inspect(err, { depth: 10 }),
    String((err as Error).cause),
  ].join("\n");
  for (const secret of secrets) {
    expect(seen).not.toContain(secret);
    expect(seen).not.toContain(encodeURIComponent(secret));
  }
}

/** Cues numbered from 1 (SRT) or a WEBVTT header, each with a well-formed timing line and text. */
export function expectValidCaptions(text: string, format: "srt" | "vtt") {
  const sep = format === "srt" ? "," : "\\.";
  const timing = new RegExp(`^\\d{2}:\\d{2}:\\d{2}${sep}\\d{3} --> \\d{2}:\\d{2}:\\d{2}${sep}\\d{3}$`);
  let body = text.replace(/\r\n/g, "\n");
  if (format === "vtt") {
    expect(body.startsWith("WEBVTT\n\n")).toBe(true);
    body = body.slice("WEBVTT\n\n".length);
  }
  const cues = body.trim().split(/\n\n+/);
  expect(cues.length).toBeGreaterThan(0);
  cues.forEach((cue, i) => {
    const lines = cue.split("\n");
    if (format === "srt") expect(lines.shift()).toBe(String(i + 1));
    expect(lines[0]).toMatch(timing);
    expect(lines.slice(1).join(" ").trim().length).toBeGreaterThan(0);
  });
}
