import { type FakeApiSpec, json, SCRIPT } from "../spec";

/**
 * ElevenLabs `GET /v1/speech-to-text/transcripts/{id}` (the same body the webhook carries as
 * `data.transcription`), `xi-api-key` header. https://elevenlabs.io/docs/api-reference/speech-to-text/get
 */
export const elevenlabsApi: FakeApiSpec = {
  authorized: (req, key) => req.headers["xi-api-key"] === key,
  unauthorized: json({ detail: { status: "invalid_api_key", message: "Invalid API key" } }, 401),
  notFound: json({ detail: { status: "transcript_not_found", message: "Transcript not found" } }, 404),
  sample: (id) => ({
    language_code: "eng",
    language_probability: 0.98,
    text: SCRIPT.text,
    words: SCRIPT.words.flatMap((w, i) => {
      const speaker_id = `speaker_${w.speaker}`;
      const next = SCRIPT.words[i + 1];
      return [
        { text: w.text, start: w.start, end: w.end, type: "word", speaker_id, logprob: -0.05 },
        ...(next
          ? [{ text: " ", start: w.end, end: next.start, type: "spacing", speaker_id, logprob: 0 }]
          : []),
      ];
    }),
    transcription_id: id,
  }),
  routes: [
    ["GET", /^\/v1\/speech-to-text\/transcripts\/([^/]+)$/, (id) => json(elevenlabsApi.sample(id, ""))],
  ],
};
