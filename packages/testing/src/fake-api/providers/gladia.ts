import { type FakeApiSpec, json, SCRIPT } from "../spec";

const result = () => ({
  metadata: {
    audio_duration: SCRIPT.duration,
    number_of_distinct_channels: 1,
    billing_time: 4,
    transcription_time: 2.1,
  },
  transcription: {
    full_transcript: SCRIPT.text,
    languages: ["en"],
    utterances: SCRIPT.segments.map((s) => ({
      text: ` ${s.text}`,
      language: "en",
      start: s.start,
      end: s.end,
      confidence: 0.97,
      channel: 0,
      speaker: s.speaker,
      words: SCRIPT.words
        .filter((w) => w.speaker === s.speaker)
        .map((w) => ({ word: ` ${w.text}`, start: w.start, end: w.end, confidence: w.confidence })),
    })),
    subtitles: [{ format: "srt", subtitles: SCRIPT.srt }],
  },
});

/**
 * Gladia `GET /v2/pre-recorded/{id}` (`result` as the success callback's `payload`), `x-gladia-key`
 * header. https://docs.gladia.io/api-reference/v2/pre-recorded/get
 */
export const gladiaApi: FakeApiSpec = {
  authorized: (req, key) => req.headers["x-gladia-key"] === key,
  unauthorized: json(
    { timestamp: "2024-05-01T10:00:00.000Z", statusCode: 401, message: "Unauthorized" },
    401,
  ),
  notFound: json(
    { timestamp: "2024-05-01T10:00:00.000Z", statusCode: 404, message: "Transcription not found" },
    404,
  ),
  sample: (id) => ({
    id,
    request_id: `G-${id}`,
    kind: "pre-recorded",
    status: "done",
    created_at: "2024-05-01T10:00:00.000Z",
    completed_at: "2024-05-01T10:01:00.000Z",
    file: {
      id: "f-1",
      filename: "call.wav",
      source: null,
      audio_duration: SCRIPT.duration,
      number_of_channels: 1,
    },
    request_params: {
      audio_url: "https://example.com/call.wav",
      diarization: true,
      subtitles: true,
      subtitles_config: { formats: ["srt"] },
    },
    result: result(),
  }),
  routes: [["GET", /^\/v2\/pre-recorded\/([^/]+)$/, (id) => json(gladiaApi.sample(id, ""))]],
};
