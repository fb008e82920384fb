import type { ResultBody, ResultContext } from "../client";
import { defineResultClient } from "../client";
import {
  isPunctuation,
  label,
  list,
  ms,
  num,
  rec,
  segmentsFromWords,
  statusFrom,
  text,
  word,
} from "../shape";
import type { JobStatusResult, TranscriptWord } from "../types";

/** Soniox job status → normalised status. */
const STATUS = {
  completed: "completed",
  error: "failed",
  queued: "processing",
  processing: "processing",
} as const;

const path = (ctx: ResultContext, rest = "") =>
  `${ctx.baseUrl}/v1/transcriptions/${encodeURIComponent(ctx.jobId)}${rest}`;
const auth = (ctx: ResultContext) => ({ authorization: `Bearer ${ctx.key()}`, accept: "application/json" });

/**
 * Soniox async transcription: the webhook carries only `{ id, status }`, so the result is fetched with
 * `apiKey`: `GET /v1/transcriptions/{id}` (status, `audio_duration_ms`) and
 * `GET /v1/transcriptions/{id}/transcript` (`text` and sub-word `tokens` in milliseconds). Tokens are
 * joined into words (a token starting with a space starts a word; punctuation attaches to the word
 * before); translation tokens are left out; speakers are Soniox's labels; the language is the first
 * token's. Captions are rendered from the speaker runs.
 * Docs: https://soniox.com/docs/stt/api-reference/transcriptions/get_transcription_transcript and
 * https://soniox.com/docs/stt/api-reference/transcriptions/get_transcription
 *
 * @example
 * ```ts
 * const t = await fetchTranscript({ provider: "soniox", jobId, apiKey: process.env.SONIOX_API_KEY });
 * ```
 */
export const sonioxResult = defineResultClient({
  id: "soniox",
  name: "Soniox",
  docs: "https://soniox.com/docs/stt/api-reference/transcriptions/get_transcription_transcript",
  defaultBaseUrl: "https://api.soniox.com",
  async fetch(ctx) {
    const details = await ctx.json(path(ctx), auth(ctx));
    if (text(details?.status) !== "completed") {
      throw ctx.fail(
        "provider_error",
        `Soniox transcription ${ctx.jobId} is not completed (status ${text(details?.status) ?? "unknown"}${
          text(details?.error_message) ? `: ${details.error_message}` : ""
        })`,
      );
    }
    return fromTokens(await ctx.json(path(ctx, "/transcript"), auth(ctx)), details);
  },
  async status(ctx): Promise<JobStatusResult> {
    const body = await ctx.json(path(ctx), auth(ctx));
    const providerStatus = text(body?.status) ?? "";
    return {
      status: statusFrom(STATUS, providerStatus),
      providerStatus,
      raw: body,
      ...(providerStatus === "error"
        ? { error: { code: text(body?.error_type), message: text(body?.error_message) } }
        : {}),
    };
  },
});

function fromTokens(body: Record<string, any>, details: Record<string, any>): ResultBody {
  const tokens = list(body?.tokens).filter((t) => t?.translation_status !== "translation");
  const words: TranscriptWord[] = [];
  for (const t of tokens) {
    const piece = text(t?.text) ?? "";
    if (piece.trim() === "") continue;
    const previous = words[words.length - 1];
    const speaker = label(t?.speaker);
    const startsWord = !previous || /^\s/.test(piece) || speaker !== previous.speaker;
    if (!startsWord || (previous && isPunctuation(piece))) {
      previous!.text += piece.trim();
      previous!.endSecond = ms(t?.end_ms);
      if (num(t?.confidence) !== undefined && previous!.confidence !== undefined) {
        previous!.confidence = Math.min(previous!.confidence, t.confidence);
      }
      continue;
    }
    words.push(word(piece.trim(), ms(t?.start_ms), ms(t?.end_ms), num(t?.confidence), speaker));
  }
  const language = text(tokens.find((t) => text(t?.language))?.language);
  const duration = num(rec(details)?.audio_duration_ms);
  return {
    text: text(body?.text) ?? words.map((w) => w.text).join(" "),
    segments: segmentsFromWords(words),
    words,
    ...(language ? { language } : {}),
    ...(duration !== undefined ? { durationInSeconds: duration / 1000 } : {}),
    raw: body,
  };
}
