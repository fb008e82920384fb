import { bearer, type FakeApiSpec, json } from "../spec";

const tokens = [
  { text: "Hel", start_ms: 240, end_ms: 400, confidence: 0.97, speaker: "1", language: "en" },
  { text: "lo", start_ms: 400, end_ms: 640, confidence: 0.99, speaker: "1", language: "en" },
  { text: " there", start_ms: 680, end_ms: 1090, confidence: 0.97, speaker: "1", language: "en" },
  { text: ".", start_ms: 1090, end_ms: 1100, confidence: 0.99, speaker: "1", language: "en" },
  { text: " Thanks", start_ms: 1500, end_ms: 1860, confidence: 0.99, speaker: "2", language: "en" },
  { text: " for", start_ms: 1880, end_ms: 2000, confidence: 0.95, speaker: "2", language: "en" },
  { text: " call", start_ms: 2020, end_ms: 2300, confidence: 0.96, speaker: "2", language: "en" },
  { text: "ing", start_ms: 2300, end_ms: 2550, confidence: 0.98, speaker: "2", language: "en" },
  { text: ".", start_ms: 2550, end_ms: 2560, confidence: 0.99, speaker: "2", language: "en" },
];

/**
 * Soniox `GET /v1/transcriptions/{id}` and `/transcript` (sub-word tokens in ms); Bearer key.
 * https://soniox.com/docs/stt/api-reference/transcriptions/get_transcription_transcript
 */
export const sonioxApi: FakeApiSpec = {
  authorized: bearer,
  unauthorized: json(
    {
      status_code: 401,
      error_type: "unauthenticated",
      message: "Incorrect API key provided. You can get an API key at https://console.soniox.com",
      validation_errors: [],
      request_id: "3d37a3bd-5078-47ee-a369-b204e3bbedda",
    },
    401,
  ),
  notFound: json(
    {
      status_code: 404,
      error_type: "transcription_not_found",
      message: "No transcription with this ID exists in your project.",
      validation_errors: [],
      request_id: "3d37a3bd-5078-47ee-a369-b204e3bbedda",
    },
    404,
  ),
  sample: (id) => ({ id, text: "Hello there. Thanks for calling.", tokens }),
  routes: [
    [
      "GET",
      /^\/v1\/transcriptions\/([^/]+)$/,
      (id) =>
        json({
          id,
          status: "completed",
          created_at: "2024-05-01T10:00:00Z",
          model: "stt-async-preview",
          filename: "call.wav",
          enable_speaker_diarization: true,
          audio_duration_ms: 4000,
          error_message: null,
        }),
    ],
    ["GET", /^\/v1\/transcriptions\/([^/]+)\/transcript$/, (id) => json(sonioxApi.sample(id, ""))],
  ],
};
