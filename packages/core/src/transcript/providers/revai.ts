import type { ResultBody, ResultContext } from "../client";
import { defineResultClient } from "../client";
import { label, list, num, rec, segment, statusFrom, text, word } from "../shape";
import type { JobStatusResult, TranscriptSegment, TranscriptWord } from "../types";

/** Rev AI job status → normalised status. */
const STATUS = {
  transcribed: "completed",
  failed: "failed",
  in_progress: "processing",
} as const;

const job = (ctx: ResultContext, rest = "") =>
  `${ctx.baseUrl}/speechtotext/v1/jobs/${encodeURIComponent(ctx.jobId)}${rest}`;
const bearer = (ctx: ResultContext) => `Bearer ${ctx.key()}`;
const CAPTION_TYPES = { srt: "application/x-subrip", vtt: "text/vtt" } as const;

/**
 * Rev AI asynchronous jobs: the notification carries only the job, so the transcript is fetched with
 * `apiKey`: `GET /speechtotext/v1/jobs/{id}/transcript` with `Accept:
 * application/vnd.rev.transcript.v1.0+json` (monologues of `text` and `punct` elements, times in
 * seconds, speakers as numbers → strings, or `speaker_name` when set). Language and duration come from
 * the job (the notification's `job`, or `GET /speechtotext/v1/jobs/{id}`). Captions:
 * `GET …/captions` with `Accept: application/x-subrip` or `text/vtt`. EU: `apiBaseUrl:
 * "https://ec1.api.rev.ai"`.
 * Docs: https://docs.rev.ai/api/asynchronous/reference/#operation/GetTranscriptById and
 * https://docs.rev.ai/api/asynchronous/reference/#operation/GetCaptions
 *
 * @example
 * ```ts
 * const t = await fetchTranscript({ provider: "revai", jobId, apiKey: process.env.REVAI_TOKEN });
 * ```
 */
export const revaiResult = defineResultClient({
  id: "revai",
  name: "Rev AI",
  docs: "https://docs.rev.ai/api/asynchronous/reference/#operation/GetTranscriptById",
  defaultBaseUrl: "https://api.rev.ai",
  async fetch(ctx) {
    const body = await ctx.json(job(ctx, "/transcript"), {
      authorization: bearer(ctx),
      accept: "application/vnd.rev.transcript.v1.0+json",
    });
    const fromCallback = rec(rec(ctx.payload)?.job);
    const details =
      fromCallback ?? (await ctx.json(job(ctx), { authorization: bearer(ctx), accept: "application/json" }));
    return fromMonologues(body, details);
  },
  async captions(ctx, format) {
    return (
      await ctx.get(job(ctx, "/captions"), { authorization: bearer(ctx), accept: CAPTION_TYPES[format] })
    ).body;
  },
  async status(ctx): Promise<JobStatusResult> {
    const body = await ctx.json(job(ctx), { authorization: bearer(ctx), accept: "application/json" });
    const providerStatus = text(body?.status) ?? "";
    return {
      status: statusFrom(STATUS, providerStatus),
      providerStatus,
      raw: body,
      ...(providerStatus === "failed"
        ? { error: { code: text(body?.failure), message: text(body?.failure_detail) } }
        : {}),
    };
  },
});

/**
 * Monologues of Rev transcript JSON → segments and words (`punct` elements attach to the word before).
 * Shared with Rev.com, whose transcript JSON has the same monologue shape.
 */
export function fromMonologues(body: Record<string, any>, details?: Record<string, any>): ResultBody {
  const words: TranscriptWord[] = [];
  const segments: TranscriptSegment[] = [];
  for (const m of list(body?.monologues)) {
    const speaker = label(m?.speaker_name) ?? label(m?.speaker);
    const these: TranscriptWord[] = [];
    let line = "";
    for (const e of list(m?.elements)) {
      const value = text(e?.value) ?? "";
      if (e?.type === "text") {
        these.push(word(value, num(e?.ts) ?? 0, num(e?.end_ts) ?? 0, num(e?.confidence), speaker));
        line += value;
      } else if (e?.type === "punct") {
        line += value;
        const previous = these[these.length - 1];
        if (previous && value.trim()) previous.text += value.trim();
      }
    }
    words.push(...these);
    if (these.length > 0) {
      segments.push(segment(line.trim(), these[0]!.startSecond, these[these.length - 1]!.endSecond, speaker));
    }
  }
  const language = text(details?.language);
  const duration = num(details?.duration_seconds);
  return {
    text: segments.map((s) => s.text).join(" "),
    segments,
    words,
    ...(language ? { language } : {}),
    ...(duration !== undefined ? { durationInSeconds: duration } : {}),
    raw: body,
  };
}
