import type { ResultBody, ResultContext } from "../client";
import { defineResultClient } from "../client";
import { isoDuration, label, list, num, rec, segment, statusFrom, text, ticks, word } from "../shape";
import type { JobStatusResult, TranscriptSegment, TranscriptWord } from "../types";

/** Azure Speech transcription status → normalised status. */
const STATUS = {
  Succeeded: "completed",
  Failed: "failed",
  Running: "processing",
  NotStarted: "processing",
} as const;

const API_VERSION = "2024-11-15";

/** The transcription's own URL: the callback's `self` when the base came from it, else the documented path. */
function transcriptionUrl(ctx: ResultContext, rest = ""): string {
  const self = text(rec(ctx.payload)?.self);
  if (self?.startsWith(ctx.baseUrl)) {
    const u = new URL(self);
    u.pathname = `${u.pathname.replace(/\/+$/, "")}${rest}`;
    return u.href;
  }
  return `${ctx.baseUrl}/speechtotext/transcriptions/${encodeURIComponent(ctx.jobId)}${rest}?api-version=${API_VERSION}`;
}
const auth = (ctx: ResultContext) => ({ "ocp-apim-subscription-key": ctx.key(), accept: "application/json" });

/**
 * Azure AI Speech batch transcription: the web hook carries the transcription entity, not the words.
 * `transcript()` lists its files (`GET …/transcriptions/{id}/files`, key in
 * `Ocp-Apim-Subscription-Key`), then downloads the first `Transcription` file from its `contentUrl`
 * (a signed storage URL: the key is not sent there). Times are 100-ns ticks (or ISO 8601 durations)
 * → seconds; segments are the recognized phrases (`speaker` with diarization), words the
 * `displayWords` when present (punctuated) else `words`; the language is the phrases' `locale` (or the
 * transcription's), the duration `durationInTicks`. The base URL is your resource's endpoint
 * (`https://<region>.api.cognitive.microsoft.com`): taken from the callback's `self` when
 * `apiBaseUrl` is not set, required for `fetchTranscript()`. Captions are rendered from the phrases.
 * Docs: https://learn.microsoft.com/azure/ai-services/speech-service/batch-transcription-get
 *
 * @example
 * ```ts
 * await fetchTranscript({ provider: "azure", jobId, apiKey: process.env.SPEECH_KEY,
 *   apiBaseUrl: "https://westeurope.api.cognitive.microsoft.com" });
 * ```
 */
export const azureResult = defineResultClient({
  id: "azure",
  name: "Azure AI Speech",
  docs: "https://learn.microsoft.com/azure/ai-services/speech-service/batch-transcription-get",
  baseUrlFrom(payload: any) {
    const self = text(payload?.self);
    if (!self) return undefined;
    try {
      const u = new URL(self);
      const at = u.pathname.indexOf("/speechtotext/");
      return at === -1 ? undefined : `${u.origin}${u.pathname.slice(0, at)}`;
    } catch {
      return undefined;
    }
  },
  async fetch(ctx) {
    const files = await ctx.json(transcriptionUrl(ctx, "/files"), auth(ctx));
    const file = list(files?.values).find((f) => f?.kind === "Transcription");
    const contentUrl = text(rec(file?.links)?.contentUrl);
    if (!contentUrl) throw ctx.fail("not_found", `Azure lists no transcription file for ${ctx.jobId}`);
    const content = await ctx.json(contentUrl, { accept: "application/json" });
    return fromAzure(content, text(rec(ctx.payload)?.locale));
  },
  async status(ctx): Promise<JobStatusResult> {
    const body = await ctx.json(transcriptionUrl(ctx), auth(ctx));
    const providerStatus = text(body?.status) ?? "";
    const error = rec(rec(body?.properties)?.error);
    return {
      status: statusFrom(STATUS, providerStatus),
      providerStatus,
      raw: body,
      ...(providerStatus === "Failed"
        ? { error: { code: text(error?.code), message: text(error?.message) } }
        : {}),
    };
  },
});

/** Seconds of an Azure time: ticks when given, else the ISO 8601 duration. */
const at = (o: Record<string, any> | undefined, key: "offset" | "duration") =>
  num(o?.[`${key}InTicks`]) !== undefined ? ticks(o![`${key}InTicks`]) : (isoDuration(o?.[key]) ?? 0);

function fromAzure(content: Record<string, any>, fallbackLocale?: string): ResultBody {
  const phrases = list(content?.recognizedPhrases)
    .filter((p) => (p?.recognitionStatus ?? "Success") === "Success")
    .sort((a, b) => at(a, "offset") - at(b, "offset"));
  const segments: TranscriptSegment[] = [];
  const words: TranscriptWord[] = [];
  for (const p of phrases) {
    const best = rec(list(p?.nBest)[0]);
    if (!best) continue;
    const speaker = label(p?.speaker);
    const start = at(p, "offset");
    segments.push(segment(text(best.display) ?? "", start, start + at(p, "duration"), speaker));
    const display = list(best.displayWords);
    for (const w of display.length > 0 ? display : list(best.words)) {
      const s = at(w, "offset");
      words.push(
        word(
          text(w?.displayText) ?? text(w?.word) ?? "",
          s,
          s + at(w, "duration"),
          num(w?.confidence),
          speaker,
        ),
      );
    }
  }
  const combined = rec(list(content?.combinedRecognizedPhrases)[0]);
  const language = text(phrases.find((p) => text(p?.locale))?.locale) ?? fallbackLocale;
  const duration =
    num(content?.durationInTicks) !== undefined
      ? ticks(content.durationInTicks)
      : isoDuration(content?.duration);
  return {
    text: text(combined?.display) ?? segments.map((s) => s.text).join(" "),
    segments,
    words,
    ...(language ? { language } : {}),
    ...(duration !== undefined ? { durationInSeconds: duration } : {}),
    raw: content,
  };
}
