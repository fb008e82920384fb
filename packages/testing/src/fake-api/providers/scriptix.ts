import { type FakeApiSpec, json, SCRIPT } from "../spec";

/**
 * Scriptix batch `GET /api/v3/speech-to-text/session/{id}/result`, `x-zoom-s2t-key` header.
 * https://docs.scriptix.io/core-apis/batch/retrieve-results
 */
export const scriptixApi: FakeApiSpec = {
  authorized: (req, key) => req.headers["x-zoom-s2t-key"] === key,
  unauthorized: json({ error: "Unauthorized", message: "Invalid API key" }, 401),
  notFound: json({ error: "Not Found", message: "Session not found" }, 404),
  sample: (id) => ({
    count: 1,
    total_results: 1,
    result: {
      duration: SCRIPT.duration,
      error: null,
      filename: "call.wav",
      media_type: "audio",
      media_url: null,
      session_id: id,
      status: "done",
      results: SCRIPT.segments.map((s) => ({
        result: SCRIPT.words
          .filter((w) => w.speaker === s.speaker)
          .map((w) => [w.text, w.start, w.end, w.confidence]),
        speaker: `S${s.speaker + 1}`,
        text: s.text,
        sconf: 0.85,
        channel: 0,
      })),
    },
  }),
  routes: [
    [
      "GET",
      /^\/api\/v3\/speech-to-text\/session\/([^/]+)\/result$/,
      (id) => json(scriptixApi.sample(id, "")),
    ],
  ],
};
