import type { ResultBody, ResultContext } from "../client";
import { defineResultClient } from "../client";
import { label, list, num, rec, segment, statusFrom, text, word } from "../shape";
import type { CaptionFormat, TranscriptWord } from "../types";

/** Gladia job status → normalised status. */
const STATUS = {
  done: "completed",
  error: "failed",
  queued: "processing",
  processing: "processing",
} as const;

const path = (ctx: ResultContext) => `${ctx.baseUrl}/v2/pre-recorded/${encodeURIComponent(ctx.jobId)}`;
const auth = (ctx: ResultContext) => ({ "x-gladia-key": ctx.key(), accept: "application/json" });

/**
 * Gladia v2 pre-recorded: a success callback carries the result inline (`payload.transcription`), so
 * `transcript()` needs no key; when it does not (a callback without the result), or from
 * `fetchTranscript()`, `GET /v2/pre-recorded/{id}` with the `x-gladia-key` header. Times are in
 * seconds; speakers are numbers (given as strings). Captions are Gladia's own
 * (`transcription.subtitles`) when the job asked for `subtitles: true` with that format, else
 * rendered from the utterances.
 * Docs: https://docs.gladia.io/api-reference/v2/pre-recorded/get and
 * https://docs.gladia.io/api-reference/v2/pre-recorded/callback/success
 *
 * @example
 * ```ts
 * const t = await fetchTranscript({ provider: "gladia", jobId, apiKey: process.env.GLADIA_KEY });
 * ```
 */
export const gladiaResult = defineResultClient({
  id: "gladia",
  name: "Gladia",
  docs: "https://docs.gladia.io/api-reference/v2/pre-recorded/get",
  defaultBaseUrl: "https://api.gladia.io",
  inline(payload: any) {
    const result = rec(payload?.payload);
    return rec(result?.transcription) ? fromGladia(result!, payload) : undefined;
  },
  inlineCaptions: (payload: any, format) => subtitles(rec(payload?.payload), format),
  async fetch(ctx) {
    const body = await ctx.json(path(ctx), auth(ctx));
    const status = text(body?.status);
    if (status !== "done" || !rec(body?.result)) {
      throw ctx.fail(
        "provider_error",
        status === "error"
          ? `Gladia failed job ${ctx.jobId} (error_code ${String(body?.error_code ?? "unknown")})`
          : `Gladia job ${ctx.jobId} has no result yet (status ${status ?? "unknown"})`,
      );
    }
    return fromGladia(body.result, body);
  },
  async captions(ctx, format) {
    return subtitles(rec((await ctx.json(path(ctx), auth(ctx)))?.result), format);
  },
  async status(ctx) {
    const body = await ctx.json(path(ctx), auth(ctx));
    const providerStatus = text(body?.status) ?? "";
    return {
      status: statusFrom(STATUS, providerStatus),
      providerStatus,
      raw: body,
      ...(providerStatus === "error"
        ? { error: { code: text(String(body?.error_code ?? "")) || undefined } }
        : {}),
    };
  },
});

function fromGladia(result: Record<string, any>, raw: unknown): ResultBody {
  const transcription = rec(result.transcription) ?? {};
  const utterances = list(transcription.utterances);
  const words: TranscriptWord[] = [];
  const segments = utterances.map((u) => {
    const speaker = label(u?.speaker);
    for (const w of list(u?.words)) {
      words.push(
        word((text(w?.word) ?? "").trim(), num(w?.start) ?? 0, num(w?.end) ?? 0, num(w?.confidence), speaker),
      );
    }
    return segment((text(u?.text) ?? "").trim(), num(u?.start) ?? 0, num(u?.end) ?? 0, speaker);
  });
  const language = text(list(transcription.languages)[0]) ?? text(utterances[0]?.language);
  const duration = num(rec(result.metadata)?.audio_duration);
  return {
    text: text(transcription.full_transcript) ?? segments.map((s) => s.text).join(" "),
    segments,
    words,
    ...(language ? { language } : {}),
    ...(duration !== undefined ? { durationInSeconds: duration } : {}),
    raw,
  };
}

function subtitles(result: Record<string, any> | undefined, format: CaptionFormat): string | undefined {
  const found = list(rec(result?.transcription)?.subtitles).find((s) => s?.format === format);
  return text(found?.subtitles);
}
