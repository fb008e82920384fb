import type { ResultBody, ResultContext } from "../client";
import { defineResultClient } from "../client";
import { isPunctuation, label, list, num, rec, segmentsFromWords, statusFrom, text, word } from "../shape";
import type { CaptionFormat, JobStatusResult, TranscriptWord } from "../types";

/** Speechmatics job status → normalised status. */
const STATUS = {
  done: "completed",
  rejected: "failed",
  running: "processing",
} as const;

const job = (ctx: ResultContext, rest = "") =>
  `${ctx.baseUrl}/v2/jobs/${encodeURIComponent(ctx.jobId)}${rest}`;
const auth = (ctx: ResultContext) => ({ authorization: `Bearer ${ctx.key()}` });

/**
 * Speechmatics batch: a notification with `contents` (or the default multipart `data_file`) carries
 * the json-v2 transcript inline, so `transcript()` needs no key; otherwise (or from
 * `fetchTranscript()`) `GET /v2/jobs/{id}/transcript?format=json-v2` with a Bearer key. Words are the
 * `word` results with `punctuation` attached to the word before; times are in seconds; speakers
 * `S1`, `S2`; segments are runs of one speaker; `job.duration` is the duration. Captions: SRT is
 * Speechmatics' own (`format=srt`, or an inline `.srt` attachment); WebVTT is rendered (Speechmatics
 * serves no VTT). EU: `apiBaseUrl: "https://eu1.asr.api.speechmatics.com"`.
 * Docs: https://docs.speechmatics.com/api-ref/batch/get-the-transcript-for-a-transcription-job and
 * https://docs.speechmatics.com/speech-to-text/batch/notifications
 *
 * @example
 * ```ts
 * const t = await fetchTranscript({ provider: "speechmatics", jobId, apiKey: process.env.SM_KEY });
 * ```
 */
export const speechmaticsResult = defineResultClient({
  id: "speechmatics",
  name: "Speechmatics",
  docs: "https://docs.speechmatics.com/api-ref/batch/get-the-transcript-for-a-transcription-job",
  defaultBaseUrl: "https://asr.api.speechmatics.com",
  inline(payload: any) {
    const candidates = [payload?.json, ...list(payload?.attachments).map((a) => a?.json)];
    const result = candidates.find((c) => Array.isArray(rec(c)?.results));
    return result ? fromJsonV2(result) : undefined;
  },
  inlineCaptions(payload: any, format: CaptionFormat) {
    if (format !== "srt") return undefined;
    const srt = list(payload?.attachments).find(
      (a) =>
        typeof a?.text === "string" &&
        (a.contentType === "application/x-subrip" || /srt/i.test(`${a.name} ${a.filename ?? ""}`)),
    );
    return text(srt?.text);
  },
  async fetch(ctx) {
    return fromJsonV2(
      await ctx.json(job(ctx, "/transcript?format=json-v2"), { ...auth(ctx), accept: "application/json" }),
    );
  },
  async captions(ctx, format) {
    if (format !== "srt") return undefined;
    return (await ctx.get(job(ctx, "/transcript?format=srt"), auth(ctx))).body;
  },
  async status(ctx): Promise<JobStatusResult> {
    const body = await ctx.json(job(ctx), { ...auth(ctx), accept: "application/json" });
    const providerStatus = text(rec(body?.job)?.status) ?? "";
    const errors = list(rec(body?.job)?.errors);
    return {
      status: statusFrom(STATUS, providerStatus),
      providerStatus,
      raw: body,
      ...(providerStatus === "rejected"
        ? { error: { message: text(errors[errors.length - 1]?.message) ?? "Speechmatics rejected the job" } }
        : {}),
    };
  },
});

function fromJsonV2(body: Record<string, any>): ResultBody {
  const words: TranscriptWord[] = [];
  for (const r of list(body.results)) {
    const alt = rec(list(r?.alternatives)[0]);
    const content = text(alt?.content) ?? "";
    const previous = words[words.length - 1];
    if (r?.type === "punctuation" || (r?.type !== "word" && isPunctuation(content))) {
      if (previous && r?.attaches_to !== "next") {
        previous.text += content;
        previous.endSecond = Math.max(previous.endSecond, num(r?.end_time) ?? previous.endSecond);
      }
      continue;
    }
    if (r?.type !== "word") continue;
    words.push(
      word(
        content,
        num(r?.start_time) ?? 0,
        num(r?.end_time) ?? 0,
        num(alt?.confidence),
        label(alt?.speaker),
      ),
    );
  }
  const metadata = rec(body.metadata);
  const language =
    text(rec(metadata?.transcription_config)?.language) ??
    text(rec(metadata?.language_pack_info)?.language_code);
  const duration = num(rec(body.job)?.duration);
  return {
    text: words.map((w) => w.text).join(" "),
    segments: segmentsFromWords(words),
    words,
    ...(language ? { language } : {}),
    ...(duration !== undefined ? { durationInSeconds: duration } : {}),
    raw: body,
  };
}
