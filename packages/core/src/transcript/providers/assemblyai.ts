import type { ResultBody, ResultContext } from "../client";
import { defineResultClient } from "../client";
import { label, list, ms, num, segment, segmentsFromWords, statusFrom, text, word } from "../shape";
import type { TranscriptWord } from "../types";

/** AssemblyAI job status → normalised status. */
const STATUS = {
  completed: "completed",
  error: "failed",
  queued: "processing",
  processing: "processing",
} as const;

const path = (ctx: ResultContext, rest = "") =>
  `${ctx.baseUrl}/v2/transcript/${encodeURIComponent(ctx.jobId)}${rest}`;
/** AssemblyAI takes the bare key in `Authorization` (no scheme). */
const auth = (ctx: ResultContext) => ({ authorization: ctx.key(), accept: "application/json" });

/**
 * AssemblyAI: the callback carries only the id, so the transcript is fetched with `apiKey`:
 * `GET /v2/transcript/{id}` (words and utterances in milliseconds, `audio_duration` in seconds),
 * captions from `GET /v2/transcript/{id}/srt` and `/vtt`. EU accounts: `apiBaseUrl:
 * "https://api.eu.assemblyai.com"`.
 * Docs: https://www.assemblyai.com/docs/api-reference/transcripts/get and
 * https://www.assemblyai.com/docs/api-reference/transcripts/get-subtitles
 *
 * @example
 * ```ts
 * const t = await fetchTranscript({ provider: "assemblyai", jobId, apiKey: process.env.AAI_KEY });
 * ```
 */
export const assemblyaiResult = defineResultClient({
  id: "assemblyai",
  name: "AssemblyAI",
  docs: "https://www.assemblyai.com/docs/api-reference/transcripts/get",
  defaultBaseUrl: "https://api.assemblyai.com",
  async fetch(ctx) {
    const body = await ctx.json(path(ctx), auth(ctx));
    const status = text(body?.status);
    if (status !== "completed") {
      throw ctx.fail(
        "provider_error",
        status === "error"
          ? `AssemblyAI failed transcript ${ctx.jobId}: ${text(body?.error) ?? "no reason given"}`
          : `AssemblyAI transcript ${ctx.jobId} is not completed (status ${status ?? "unknown"})`,
      );
    }
    return fromAssemblyAI(body);
  },
  async captions(ctx, format) {
    return (await ctx.get(path(ctx, `/${format}`), { authorization: ctx.key() })).body;
  },
  async status(ctx) {
    const body = await ctx.json(path(ctx), auth(ctx));
    const providerStatus = text(body?.status) ?? "";
    return {
      status: statusFrom(STATUS, providerStatus),
      providerStatus,
      raw: body,
      ...(providerStatus === "error" ? { error: { message: text(body?.error) } } : {}),
    };
  },
});

function fromAssemblyAI(body: Record<string, any>): ResultBody {
  const words: TranscriptWord[] = list(body.words).map((w) =>
    word(text(w?.text) ?? "", ms(w?.start), ms(w?.end), num(w?.confidence), label(w?.speaker)),
  );
  const utterances = list(body.utterances);
  const segments =
    utterances.length > 0
      ? utterances.map((u) => segment(text(u?.text) ?? "", ms(u?.start), ms(u?.end), label(u?.speaker)))
      : segmentsFromWords(words);
  return {
    text: text(body.text) ?? "",
    segments,
    words,
    ...(text(body.language_code) ? { language: body.language_code } : {}),
    ...(num(body.audio_duration) !== undefined ? { durationInSeconds: body.audio_duration } : {}),
    raw: body,
  };
}
