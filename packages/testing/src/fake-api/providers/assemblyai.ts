import { type FakeApiSpec, json, plain, SCRIPT } from "../spec";

const ms = (s: number) => Math.round(s * 1000);
const speaker = (n: number) => (n === 0 ? "A" : "B");
const words = SCRIPT.words.map((w) => ({
  text: w.text,
  start: ms(w.start),
  end: ms(w.end),
  confidence: w.confidence,
  speaker: speaker(w.speaker),
}));

/**
 * AssemblyAI `GET /v2/transcript/{id}` (times in ms, `audio_duration` in s) and `/srt` `/vtt`; the key
 * is the bare `Authorization` header. https://www.assemblyai.com/docs/api-reference/transcripts/get
 */
export const assemblyaiApi: FakeApiSpec = {
  authorized: (req, key) => req.headers.authorization === key,
  unauthorized: json({ error: "Authentication error, API token missing/invalid" }, 401),
  notFound: json({ error: "Transcript lookup error, transcript id not found" }, 404),
  sample: (id) => ({
    id,
    audio_url: "https://example.com/call.mp3",
    status: "completed",
    language_code: "en_us",
    audio_duration: SCRIPT.duration,
    text: SCRIPT.text,
    confidence: 0.97,
    speaker_labels: true,
    words,
    utterances: SCRIPT.segments.map((s) => ({
      speaker: speaker(s.speaker),
      text: s.text,
      start: ms(s.start),
      end: ms(s.end),
      confidence: 0.97,
      words: words.filter((w) => w.speaker === speaker(s.speaker)),
    })),
    webhook_url: "https://example.com/webhooks/assemblyai",
    webhook_status_code: 200,
    error: null,
  }),
  routes: [
    ["GET", /^\/v2\/transcript\/([^/]+)$/, (id) => json(assemblyaiApi.sample(id, ""))],
    ["GET", /^\/v2\/transcript\/([^/]+)\/srt$/, () => plain(SCRIPT.srt, "text/plain")],
    ["GET", /^\/v2\/transcript\/([^/]+)\/vtt$/, () => plain(SCRIPT.vtt, "text/plain")],
  ],
};
