import { type FakeApiSpec, json, SCRIPT } from "../spec";

/**
 * Deepgram has no result API (the result comes in the callback): every request is a 404, and
 * `sample()` is the `/v1/listen` result a callback carries.
 * https://developers.deepgram.com/reference/speech-to-text-api/listen
 */
export const deepgramApi: FakeApiSpec = {
  authorized: (req, key) => req.headers.authorization === `Token ${key}`,
  unauthorized: json({ err_code: "INVALID_AUTH", err_msg: "Invalid credentials." }, 401),
  notFound: json({ err_code: "NOT_FOUND", err_msg: "Not found." }, 404),
  routes: [],
  sample: (id) => ({
    metadata: {
      transaction_key: "deprecated",
      request_id: id,
      sha256: "5324da68ede209a16ac69a38e8cd29cee4d754434a041166cda3a1f5e0b24566",
      created: "2024-05-01T10:00:00.000Z",
      duration: SCRIPT.duration,
      channels: 1,
      models: ["1abfe86b-e047-4eed-858a-35e5625b41ee"],
    },
    results: {
      channels: [
        {
          detected_language: "en",
          language_confidence: 0.99,
          alternatives: [
            {
              transcript: SCRIPT.text,
              confidence: 0.97,
              words: SCRIPT.words.map((w) => ({
                word: w.text.replace(/\.$/, "").toLowerCase(),
                start: w.start,
                end: w.end,
                confidence: w.confidence,
                speaker: w.speaker,
                speaker_confidence: 0.8,
                punctuated_word: w.text,
              })),
            },
          ],
        },
      ],
      utterances: SCRIPT.segments.map((s, i) => ({
        start: s.start,
        end: s.end,
        confidence: 0.97,
        channel: 0,
        transcript: s.text,
        speaker: s.speaker,
        id: `utt-${i}`,
        words: [],
      })),
    },
  }),
};
