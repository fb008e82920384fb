import type { ResultBody, ResultContext } from "../client";
import { defineResultClient } from "../client";
import { list, num, rec, segmentsFromWords, text, word } from "../shape";

const path = (ctx: ResultContext) =>
  `${ctx.baseUrl}/v1/speech-to-text/transcripts/${encodeURIComponent(ctx.jobId)}`;

/**
 * ElevenLabs speech to text: the webhook carries the transcription inline (`data.transcription`), so
 * `transcript()` needs no key; `fetchTranscript()` calls `GET /v1/speech-to-text/transcripts/{id}`
 * with the `xi-api-key` header. Words are the `type: "word"` items (spacing and audio events are left
 * out), times in seconds, speakers `speaker_0`…; segments are runs of one speaker. ElevenLabs reports
 * no audio duration, so `durationInSeconds` is absent. A multichannel result uses its first channel.
 * No status API is documented: `fetchJobStatus()` is `unsupported`.
 * Docs: https://elevenlabs.io/docs/api-reference/speech-to-text/get and
 * https://elevenlabs.io/docs/capabilities/speech-to-text#webhooks
 *
 * @example
 * ```ts
 * const t = await fetchTranscript({ provider: "elevenlabs", jobId, apiKey: process.env.XI_KEY });
 * ```
 */
export const elevenlabsResult = defineResultClient({
  id: "elevenlabs",
  name: "ElevenLabs",
  docs: "https://elevenlabs.io/docs/api-reference/speech-to-text/get",
  defaultBaseUrl: "https://api.elevenlabs.io",
  inline(payload: any) {
    const transcription = rec(rec(payload?.data)?.transcription);
    return transcription ? fromElevenLabs(transcription, payload) : undefined;
  },
  async fetch(ctx) {
    const body = await ctx.json(path(ctx), { "xi-api-key": ctx.key(), accept: "application/json" });
    return fromElevenLabs(rec(body) ?? {}, body);
  },
});

function fromElevenLabs(result: Record<string, any>, raw: unknown): ResultBody {
  const channel = Array.isArray(result.words) ? result : (rec(list(result.transcripts)[0]) ?? result);
  const words = list(channel.words)
    .filter((w) => (w?.type ?? "word") === "word")
    .map((w) =>
      word(
        (text(w?.text) ?? "").trim(),
        num(w?.start) ?? 0,
        num(w?.end) ?? 0,
        undefined,
        text(w?.speaker_id),
      ),
    );
  const language = text(channel.language_code);
  return {
    text: text(channel.text) ?? words.map((w) => w.text).join(" "),
    segments: segmentsFromWords(words),
    words,
    ...(language ? { language } : {}),
    raw,
  };
}
