import type { ResultBody, ResultContext } from "../client";
import { defineResultClient } from "../client";
import { label, list, num, rec, segment, statusFrom, text, word } from "../shape";
import type { TranscriptSegment, TranscriptWord } from "../types";

/** IBM recognition job status → normalised status. */
const STATUS = {
  completed: "completed",
  failed: "failed",
  waiting: "processing",
  processing: "processing",
} as const;

const path = (ctx: ResultContext) => `${ctx.baseUrl}/v1/recognitions/${encodeURIComponent(ctx.jobId)}`;
/** IBM Cloud accepts the API key as HTTP Basic credentials with the user name `apikey`. */
const auth = (ctx: ResultContext) => ({
  authorization: `Basic ${btoa(`apikey:${ctx.key()}`)}`,
  accept: "application/json",
});

/**
 * IBM Watson Speech to Text asynchronous jobs: a `recognitions.completed_with_results` callback carries
 * the results inline, so `transcript()` needs no key; otherwise `GET /v1/recognitions/{id}` on your
 * instance, with the API key as Basic credentials (`apikey:<key>`). There is no shared host:
 * `apiBaseUrl` is your instance URL (`https://api.us-south.speech-to-text.watson.cloud.ibm.com/instances/<id>`).
 * Segments are IBM's final results, words its `timestamps` (seconds) with `word_confidence`,
 * speakers from `speaker_labels` (numbers, as strings). IBM reports neither language nor duration in
 * the result, so both are absent.
 * Docs: https://cloud.ibm.com/apidocs/speech-to-text#checkjob and
 * https://cloud.ibm.com/docs/speech-to-text?topic=speech-to-text-async
 *
 * @example
 * ```ts
 * await fetchTranscript({ provider: "ibm", jobId, apiKey: process.env.IBM_KEY, apiBaseUrl: process.env.IBM_URL });
 * ```
 */
export const ibmResult = defineResultClient({
  id: "ibm",
  name: "IBM Watson Speech to Text",
  docs: "https://cloud.ibm.com/apidocs/speech-to-text#checkjob",
  inline(payload: any) {
    return Array.isArray(payload?.results) && payload.results.length > 0
      ? fromRecognitions(payload.results, payload)
      : undefined;
  },
  async fetch(ctx) {
    const body = await ctx.json(path(ctx), auth(ctx));
    if (text(body?.status) !== "completed") {
      throw ctx.fail(
        "provider_error",
        `IBM recognition job ${ctx.jobId} is not completed (status ${text(body?.status) ?? "unknown"})`,
      );
    }
    return fromRecognitions(list(body.results), body);
  },
  async status(ctx) {
    const body = await ctx.json(path(ctx), auth(ctx));
    const providerStatus = text(body?.status) ?? "";
    return {
      status: statusFrom(STATUS, providerStatus),
      providerStatus,
      raw: body,
      ...(providerStatus === "failed"
        ? { error: { message: list(body?.warnings).join("; ") || undefined } }
        : {}),
    };
  },
});

function fromRecognitions(recognitions: unknown[], raw: unknown): ResultBody {
  const words: TranscriptWord[] = [];
  const segments: TranscriptSegment[] = [];
  for (const r of recognitions) {
    const speakerAt = new Map<number, string | undefined>();
    for (const l of list(rec(r)?.speaker_labels))
      if (num(l?.from) !== undefined) speakerAt.set(l.from, label(l.speaker));
    for (const result of list(rec(r)?.results)) {
      if (result?.final === false) continue;
      const alt = rec(list(result?.alternatives)[0]);
      if (!alt) continue;
      const confidences = list(alt.word_confidence);
      const these = list(alt.timestamps).map((t, i) =>
        word(
          String(t?.[0] ?? ""),
          num(t?.[1]) ?? 0,
          num(t?.[2]) ?? 0,
          num(confidences[i]?.[1]),
          speakerAt.get(t?.[1]),
        ),
      );
      words.push(...these);
      const first = these[0];
      const last = these[these.length - 1];
      segments.push(
        segment(
          (text(alt.transcript) ?? "").trim(),
          first?.startSecond ?? 0,
          last?.endSecond ?? 0,
          first?.speaker,
        ),
      );
    }
  }
  return { text: segments.map((s) => s.text).join(" "), segments, words, raw };
}
