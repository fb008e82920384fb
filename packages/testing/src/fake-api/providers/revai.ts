import { bearer, type FakeApiSpec, json, plain, SCRIPT } from "../spec";

/**
 * Rev AI `GET /speechtotext/v1/jobs/{id}`, `/transcript` (Rev transcript JSON: monologues of `text`
 * and `punct` elements) and `/captions` (SRT or WebVTT by `Accept`); Bearer token.
 * https://docs.rev.ai/api/asynchronous/reference/
 */
export const revaiApi: FakeApiSpec = {
  authorized: bearer,
  unauthorized: json({ title: "Authorization has been denied for this request", status: 401 }, 401),
  notFound: json(
    { type: "https://www.rev.ai/api/v1/errors/job-not-found", title: "could not find job", status: 404 },
    404,
  ),
  sample: () => ({
    monologues: SCRIPT.segments.map((s) => ({
      speaker: s.speaker,
      elements: SCRIPT.words
        .filter((w) => w.speaker === s.speaker)
        .flatMap((w, i, all) => [
          {
            type: "text",
            value: w.text.replace(/\.$/, ""),
            ts: w.start,
            end_ts: w.end,
            confidence: w.confidence,
          },
          ...(w.text.endsWith(".") ? [{ type: "punct", value: "." }] : []),
          ...(i < all.length - 1 ? [{ type: "punct", value: " " }] : []),
        ]),
    })),
  }),
  routes: [
    [
      "GET",
      /^\/speechtotext\/v1\/jobs\/([^/]+)$/,
      (id) =>
        json({
          id,
          status: "transcribed",
          created_on: "2024-05-01T10:00:00.000Z",
          completed_on: "2024-05-01T10:01:00.000Z",
          name: "call.mp3",
          duration_seconds: SCRIPT.duration,
          type: "async",
          language: "en",
        }),
    ],
    [
      "GET",
      /^\/speechtotext\/v1\/jobs\/([^/]+)\/transcript$/,
      (id, req) =>
        req.headers.accept === "application/vnd.rev.transcript.v1.0+json"
          ? {
              status: 200,
              body: JSON.stringify(revaiApi.sample(id, "")),
              contentType: "application/vnd.rev.transcript.v1.0+json",
            }
          : plain("Hello there. Thanks for calling.", "text/plain"),
    ],
    [
      "GET",
      /^\/speechtotext\/v1\/jobs\/([^/]+)\/captions$/,
      (_id, req) =>
        req.headers.accept === "text/vtt"
          ? plain(SCRIPT.vtt, "text/vtt")
          : plain(SCRIPT.srt, "application/x-subrip"),
    ],
  ],
};
