import type { ResultBody, ResultContext } from "../client";
import { defineResultClient } from "../client";
import { label, list, num, rec, segment, statusFrom, text, word } from "../shape";
import type { JobStatusResult, TranscriptSegment, TranscriptWord } from "../types";

/**
 * Scriptix session status → normalised status; any other non-empty status is still in progress,
 * unless the result carries an `error`.
 */
const STATUS = {
  done: "completed",
  error: "failed",
  failed: "failed",
} as const;

const path = (ctx: ResultContext) =>
  `${ctx.baseUrl}/api/v3/speech-to-text/session/${encodeURIComponent(ctx.jobId)}/result`;
const auth = (ctx: ResultContext) => ({ "x-zoom-s2t-key": ctx.key(), accept: "application/json" });

/**
 * Scriptix batch: the callback carries only the session id, so the result is fetched with the batch
 * API key: `GET /api/v3/speech-to-text/session/{id}/result` with the `x-zoom-s2t-key` header. Segments
 * are its `results` (with `speaker` as given, e.g. `"unk"`), words the `[word, start, end, confidence]`
 * rows. Unconfirmed: the unit of the word times and of `duration` (the docs' example reads as seconds,
 * which is how they are taken) and the status values besides `"done"`. Scriptix reports no language
 * in the result, so `language` is absent. Captions are rendered from the segments.
 * Docs: https://docs.scriptix.io/core-apis/batch/retrieve-results
 *
 * @example
 * ```ts
 * const t = await fetchTranscript({ provider: "scriptix", jobId: sessionId, apiKey: process.env.SCRIPTIX_BATCH_KEY });
 * ```
 */
export const scriptixResult = defineResultClient({
  id: "scriptix",
  name: "Scriptix",
  docs: "https://docs.scriptix.io/core-apis/batch/retrieve-results",
  defaultBaseUrl: "https://api.scriptix.io",
  async fetch(ctx) {
    const body = await ctx.json(path(ctx), auth(ctx));
    const result = rec(body?.result);
    if (text(result?.status) !== "done") {
      throw ctx.fail(
        "provider_error",
        `Scriptix session ${ctx.jobId} has no result (status ${text(result?.status) ?? "unknown"}${text(result?.error) ? `: ${result!.error}` : ""})`,
      );
    }
    return fromScriptix(result!, body);
  },
  async status(ctx): Promise<JobStatusResult> {
    const result = rec((await ctx.json(path(ctx), auth(ctx)))?.result);
    const providerStatus = text(result?.status) ?? "";
    const error = text(result?.error);
    const status = statusFrom(
      STATUS,
      providerStatus,
      error ? "failed" : providerStatus ? "processing" : "other",
    );
    const failed = status === "failed" || Boolean(error);
    return {
      status,
      providerStatus,
      raw: result,
      ...(failed ? { error: { message: error } } : {}),
    };
  },
});

function fromScriptix(result: Record<string, any>, raw: unknown): ResultBody {
  const segments: TranscriptSegment[] = [];
  const words: TranscriptWord[] = [];
  for (const r of list(result.results)) {
    const speaker = label(r?.speaker);
    const these = list(r?.result).map((w) =>
      word(String(w?.[0] ?? ""), num(w?.[1]) ?? 0, num(w?.[2]) ?? 0, num(w?.[3]), speaker),
    );
    words.push(...these);
    const line = text(r?.text) ?? these.map((w) => w.text).join(" ");
    segments.push(
      segment(line.trim(), these[0]?.startSecond ?? 0, these[these.length - 1]?.endSecond ?? 0, speaker),
    );
  }
  const duration = num(result.duration);
  return {
    text: segments.map((s) => s.text).join(" "),
    segments,
    words,
    ...(duration !== undefined ? { durationInSeconds: duration } : {}),
    raw,
  };
}
