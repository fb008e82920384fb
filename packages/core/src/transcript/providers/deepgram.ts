import { defineResultClient } from "../client";
import { label, list, num, rec, segment, segmentsFromWords, text, word } from "../shape";

/**
 * Deepgram: the callback body is the whole `/v1/listen` result, so `transcript()` needs no key and
 * makes no request. Words (`punctuated_word` when smart formatting is on), utterances when requested,
 * `metadata.duration`; the language is `detected_language` of the first channel when language
 * detection was on. Deepgram keeps no results to fetch later: `fetchTranscript()` is `unsupported`.
 * Docs: https://developers.deepgram.com/reference/speech-to-text-api/listen and
 * https://developers.deepgram.com/docs/callback
 *
 * @example
 * ```ts
 * hooks.onComplete(async (e) => { if (e.provider === "deepgram") console.log((await e.transcript()).text); });
 * ```
 */
export const deepgramResult = defineResultClient({
  id: "deepgram",
  name: "Deepgram",
  docs: "https://developers.deepgram.com/reference/speech-to-text-api/listen",
  unsupported:
    "Deepgram sends the result only in the callback and has no API to fetch it later; use event.transcript() on the callback",
  inline(payload: any) {
    const results = rec(payload?.results);
    const channel = rec(list(results?.channels)[0]);
    const alt = rec(list(channel?.alternatives)[0]);
    if (!alt) return undefined;
    const words = list(alt.words).map((w) =>
      word(
        text(w?.punctuated_word) ?? text(w?.word) ?? "",
        num(w?.start) ?? 0,
        num(w?.end) ?? 0,
        num(w?.confidence),
        label(w?.speaker),
      ),
    );
    const utterances = list(results?.utterances);
    const segments =
      utterances.length > 0
        ? utterances.map((u) =>
            segment(text(u?.transcript) ?? "", num(u?.start) ?? 0, num(u?.end) ?? 0, label(u?.speaker)),
          )
        : words.length > 0
          ? segmentsFromWords(words)
          : text(alt.transcript)
            ? [segment(alt.transcript, 0, num(payload?.metadata?.duration) ?? 0)]
            : [];
    const language = text(channel?.detected_language) ?? text(alt.languages?.[0]);
    const duration = num(rec(payload?.metadata)?.duration);
    return {
      text: text(alt.transcript) ?? "",
      segments,
      words,
      ...(language ? { language } : {}),
      ...(duration !== undefined ? { durationInSeconds: duration } : {}),
      raw: payload,
    };
  },
});
