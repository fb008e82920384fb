import type { CaptionFormat, TranscriptSegment } from "./types";

/**
 * Renders segments as captions, one cue per segment: SRT numbered from 1 with `HH:MM:SS,mmm`
 * times, or WebVTT (`WEBVTT` header, `HH:MM:SS.mmm`). Segments without text are skipped.
 *
 * @example
 * ```ts
 * renderCaptions([{ text: "Hello.", startSecond: 0.5, endSecond: 1.25 }], "srt");
 * // "1\n00:00:00,500 --> 00:00:01,250\nHello.\n"
 * ```
 */
export function renderCaptions(segments: readonly TranscriptSegment[], format: CaptionFormat): string {
  const sep = format === "srt" ? "," : ".";
  const cues: string[] = [];
  for (const s of segments) {
    const body = s.text
      .replace(/\r\n?/g, "\n")
      .replace(/\n{2,}/g, "\n")
      .trim();
    if (!body) continue;
    const start = Math.max(0, s.startSecond);
    const end = Math.max(start, s.endSecond);
    const timing = `${stamp(start, sep)} --> ${stamp(end, sep)}`;
    // "-->" may not appear in a WebVTT cue's text.
    const cueText = format === "vtt" ? body.replace(/-->/g, "->") : body;
    cues.push(format === "srt" ? `${cues.length + 1}\n${timing}\n${cueText}\n` : `${timing}\n${cueText}\n`);
  }
  return format === "srt" ? cues.join("\n") : `WEBVTT\n\n${cues.join("\n")}`;
}

function stamp(seconds: number, sep: string): string {
  const total = Math.round(seconds * 1000);
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const milli = total % 1000;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${sep}${pad(milli, 3)}`;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * Cues of an SRT or WebVTT document as segments (for providers that serve only captions).
 *
 * @example
 * ```ts
 * parseCaptions("1\n00:00:00,500 --> 00:00:01,250\nHello.\n"); // [{ text: "Hello.", startSecond: 0.5, endSecond: 1.25 }]
 * ```
 */
export function parseCaptions(body: string): TranscriptSegment[] {
  const out: TranscriptSegment[] = [];
  for (const block of body.replace(/\r\n?/g, "\n").split(/\n{2,}/)) {
    const lines = block.split("\n");
    const at = lines.findIndex((l) => l.includes("-->"));
    if (at === -1) continue;
    const [from, to] = lines[at]!.split("-->").map((t) => toSeconds(t.trim().split(/\s+/)[0]!));
    const cue = lines
      .slice(at + 1)
      .join(" ")
      .trim();
    if (cue && from !== undefined && to !== undefined)
      out.push({ text: cue, startSecond: from, endSecond: to });
  }
  return out;
}

function toSeconds(t: string): number | undefined {
  const m = /^(?:(\d+):)?(\d{2}):(\d{2})[.,](\d{3})$/.exec(t);
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}
