import { bearer, type FakeApiSpec, json, plain, SCRIPT } from "../spec";

/**
 * InstantTranscriber API v1 (Bearer key): `GET /v1/transcriptions/{id}` and the SRT / TXT exports
 * the callback links to (`/v1/transcriptions/{id}/download?format=`, route unconfirmed).
 * https://instanttranscriber.com/api
 */
export const instanttranscriberApi: FakeApiSpec = {
  authorized: bearer,
  unauthorized: json({ error: "unauthorized", message: "Invalid API key" }, 401),
  notFound: json({ error: "not_found", message: "Transcription not found" }, 404),
  sample: () => SCRIPT.srt,
  routes: [
    [
      "GET",
      /^\/v1\/transcriptions\/([^/]+)$/,
      (id, _req, base) =>
        json({
          id,
          status: "completed",
          download_urls: {
            txt: `${base}/v1/transcriptions/${id}/download?format=txt`,
            srt: `${base}/v1/transcriptions/${id}/download?format=srt`,
          },
        }),
    ],
    [
      "GET",
      /^\/v1\/transcriptions\/([^/]+)\/download$/,
      (_id, req) =>
        req.query.get("format") === "txt"
          ? plain(SCRIPT.text, "text/plain")
          : plain(SCRIPT.srt, "application/x-subrip"),
    ],
  ],
};
