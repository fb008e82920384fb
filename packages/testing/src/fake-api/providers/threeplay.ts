import { type FakeApiSpec, json, SCRIPT } from "../spec";

/**
 * 3Play Media API v3: `GET /v3/transcripts/{id}` (documented), `/text` and `/captions?caption_format=`
 * (routes and `{ code, data }` bodies unconfirmed); the key is the `api_key` query parameter.
 * https://docs.3playmedia.com/apiv3/transcript
 */
export const threeplayApi: FakeApiSpec = {
  authorized: (req, key) => req.query.get("api_key") === key,
  unauthorized: json({ code: 401, errors: { authentication: ["Invalid API key"] }, meta: {} }, 401),
  notFound: json({ code: 404, errors: { base: ["Transcript not found"] }, meta: {} }, 404),
  sample: () => ({ code: 200, data: SCRIPT.text, meta: {} }),
  routes: [
    [
      "GET",
      /^\/v3\/transcripts\/([^/]+)$/,
      (id) =>
        json({
          code: 200,
          data: {
            id: Number(id) || id,
            media_file_id: 5501,
            batch_id: 77,
            reference_id: null,
            duration: SCRIPT.duration,
            default: true,
            type: "TranscribedTranscript",
            language_id: 1,
            language_ids: [1],
            status: "complete",
            cancellable: false,
          },
          meta: {},
        }),
    ],
    ["GET", /^\/v3\/transcripts\/([^/]+)\/text$/, () => json({ code: 200, data: SCRIPT.text, meta: {} })],
    [
      "GET",
      /^\/v3\/transcripts\/([^/]+)\/captions$/,
      (_id, req) =>
        json({
          code: 200,
          data: req.query.get("caption_format") === "vtt" ? SCRIPT.vtt : SCRIPT.srt,
          meta: {},
        }),
    ],
  ],
};
