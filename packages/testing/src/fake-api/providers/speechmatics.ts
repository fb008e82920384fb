import { bearer, type FakeApiSpec, json, plain, SCRIPT } from "../spec";

/**
 * Speechmatics `GET /v2/jobs/{id}` and `/v2/jobs/{id}/transcript?format=json-v2|srt`; Bearer key.
 * https://docs.speechmatics.com/api-ref/batch/get-the-transcript-for-a-transcription-job
 */
export const speechmaticsApi: FakeApiSpec = {
  authorized: bearer,
  unauthorized: json({ code: 401, error: "Permission Denied" }, 401),
  notFound: json({ code: 404, error: "Job not found" }, 404),
  sample: (id) => ({
    format: "2.9",
    job: { id, created_at: "2024-05-01T10:00:00.000Z", data_name: "call.wav", duration: SCRIPT.duration },
    metadata: {
      created_at: "2024-05-01T10:01:00.000Z",
      type: "transcription",
      transcription_config: { language: "en", diarization: "speaker" },
    },
    results: SCRIPT.words.flatMap((w) => {
      const speaker = `S${w.speaker + 1}`;
      const out: unknown[] = [
        {
          type: "word",
          start_time: w.start,
          end_time: w.end,
          alternatives: [
            { content: w.text.replace(/\.$/, ""), confidence: w.confidence, language: "en", speaker },
          ],
        },
      ];
      if (w.text.endsWith(".")) {
        out.push({
          type: "punctuation",
          start_time: w.end,
          end_time: w.end,
          is_eos: true,
          attaches_to: "previous",
          alternatives: [{ content: ".", confidence: 1, language: "en", speaker }],
        });
      }
      return out;
    }),
  }),
  routes: [
    [
      "GET",
      /^\/v2\/jobs\/([^/]+)$/,
      (id) =>
        json({
          job: {
            id,
            status: "done",
            created_at: "2024-05-01T10:00:00.000Z",
            data_name: "call.wav",
            duration: 4,
          },
        }),
    ],
    [
      "GET",
      /^\/v2\/jobs\/([^/]+)\/transcript$/,
      (id, req) =>
        req.query.get("format") === "srt"
          ? plain(SCRIPT.srt, "application/x-subrip")
          : json(speechmaticsApi.sample(id, "")),
    ],
  ],
};
