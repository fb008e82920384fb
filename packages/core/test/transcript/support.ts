import { inspect } from "node:util";
import { expect } from "vitest";

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
