import type { JobStatusResult, TranscriptSegment, TranscriptWord } from "./types";

/** Small readers for provider JSON: wrong types become `undefined`, never a crash. */
export const rec = (v: unknown): Record<string, any> | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, any>) : undefined;
export const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
export const num = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v) ? v : undefined;
export const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
/** A speaker label as a string: numbers as `String(n)`; absent, empty or null → `undefined`. */
export const label = (v: unknown): string | undefined =>
  typeof v === "number" && Number.isFinite(v) ? String(v) : typeof v === "string" && v !== "" ? v : undefined;

/** Milliseconds → seconds. */
export const ms = (v: unknown): number => (num(v) ?? 0) / 1000;
/** 100-nanosecond ticks → seconds. */
export const ticks = (v: unknown): number => (num(v) ?? 0) / 10_000_000;

/**
 * An ISO 8601 duration (`PT1M2.5S`, `P1DT2H`) in seconds; `undefined` when it is not one.
 *
 * @example
 * ```ts
 * isoDuration("PT1M2.5S"); // 62.5
 * ```
 */
export function isoDuration(v: unknown): number | undefined {
  if (typeof v !== "string") return undefined;
  const m =
    /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      v.trim(),
    );
  if (!m || v.trim() === "P" || v.trim().endsWith("T")) return undefined;
  const [, d, h, min, s] = m;
  return Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0);
}

/**
 * A clock time `HH:MM:SS,mmm` / `HH:MM:SS.mmm` / `MM:SS.mmm` in seconds; a number is taken as seconds.
 *
 * @example
 * ```ts
 * clock("00:01:02,500"); // 62.5
 * ```
 */
export function clock(v: unknown): number | undefined {
  if (typeof v === "number") return num(v);
  if (typeof v !== "string") return undefined;
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/.exec(v.trim());
  if (!m) return undefined;
  const [, h, min, s, frac] = m;
  return (
    Number(h ?? 0) * 3600 + Number(min) * 60 + Number(s) + (frac ? Number(frac.padEnd(3, "0")) / 1000 : 0)
  );
}

/** Spoken words joined with single spaces. */
export const joinWords = (words: readonly { text: string }[]): string =>
  words
    .map((w) => w.text)
    .filter(Boolean)
    .join(" ");

/**
 * Segments for a provider that has none: consecutive words of one speaker form a segment; without
 * speakers, one segment spans all the words.
 *
 * @example
 * ```ts
 * segmentsFromWords([{ text: "Hi", startSecond: 0, endSecond: 0.3, speaker: "A" }]);
 * // [{ text: "Hi", startSecond: 0, endSecond: 0.3, speaker: "A" }]
 * ```
 */
export function segmentsFromWords(words: readonly TranscriptWord[]): TranscriptSegment[] {
  const out: TranscriptSegment[] = [];
  let run: TranscriptWord[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const speaker = run[0]!.speaker;
    out.push({
      text: joinWords(run),
      startSecond: run[0]!.startSecond,
      endSecond: run[run.length - 1]!.endSecond,
      ...(speaker === undefined ? {} : { speaker }),
    });
    run = [];
  };
  for (const w of words) {
    if (run.length > 0 && w.speaker !== run[0]!.speaker) flush();
    run.push(w);
  }
  flush();
  return out;
}

/** One segment spanning the whole text, for results without timings (times 0 → `endSecond`). */
export function wholeText(body: string, endSecond = 0): TranscriptSegment[] {
  const trimmed = body.trim();
  return trimmed ? [{ text: trimmed, startSecond: 0, endSecond }] : [];
}

/** Builds a word, leaving out undefined optional fields (so results compare and serialise cleanly). */
export function word(
  text: string,
  startSecond: number,
  endSecond: number,
  confidence?: number,
  speaker?: string,
): TranscriptWord {
  return {
    text,
    startSecond,
    endSecond,
    ...(confidence === undefined ? {} : { confidence }),
    ...(speaker === undefined ? {} : { speaker }),
  };
}

/** Builds a segment, leaving out an undefined speaker. */
export function segment(
  text: string,
  startSecond: number,
  endSecond: number,
  speaker?: string,
): TranscriptSegment {
  return { text, startSecond, endSecond, ...(speaker === undefined ? {} : { speaker }) };
}

/** True for a token that is only punctuation (attached to the word before it). */
export const isPunctuation = (s: string): boolean => /^[\p{P}\p{S}]+$/u.test(s.trim());

/**
 * A provider's status looked up in its status table; a status the table does not list is
 * `otherwise` (`"other"` unless the provider documents a rule for unlisted statuses).
 *
 * @example
 * ```ts
 * statusFrom({ completed: "completed", error: "failed" }, "queued"); // "other"
 * statusFrom({ done: "completed" }, "transcoding", "processing"); // "processing"
 * ```
 */
export const statusFrom = (
  table: Readonly<Record<string, JobStatusResult["status"]>>,
  providerStatus: string,
  otherwise: JobStatusResult["status"] = "other",
): JobStatusResult["status"] => (Object.hasOwn(table, providerStatus) ? table[providerStatus]! : otherwise);
