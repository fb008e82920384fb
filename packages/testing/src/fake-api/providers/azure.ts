import { type FakeApiSpec, json, SCRIPT } from "../spec";

const TICKS = 10_000_000;
const ticks = (s: number) => Math.round(s * TICKS);
const iso = (s: number) => `PT${Number(s.toFixed(2))}S`;

const content = () => ({
  source: "https://example.blob.core.windows.net/audio/call.wav",
  timestamp: "2024-05-01T10:01:00Z",
  durationInTicks: ticks(SCRIPT.duration),
  duration: iso(SCRIPT.duration),
  combinedRecognizedPhrases: [
    {
      channel: 0,
      lexical: "hello there thanks for calling",
      itn: "hello there thanks for calling",
      maskedITN: "hello there thanks for calling",
      display: SCRIPT.text,
    },
  ],
  recognizedPhrases: SCRIPT.segments.map((s) => {
    const words = SCRIPT.words.filter((w) => w.speaker === s.speaker);
    return {
      recognitionStatus: "Success",
      channel: 0,
      speaker: s.speaker + 1,
      offset: iso(s.start),
      duration: iso(s.end - s.start),
      offsetInTicks: ticks(s.start),
      durationInTicks: ticks(s.end) - ticks(s.start),
      locale: "en-US",
      nBest: [
        {
          confidence: 0.97,
          lexical: s.text.replace(/\./g, "").toLowerCase(),
          itn: s.text.replace(/\./g, "").toLowerCase(),
          maskedITN: s.text.replace(/\./g, "").toLowerCase(),
          display: s.text,
          words: words.map((w) => ({
            word: w.text.replace(/\./g, "").toLowerCase(),
            offset: iso(w.start),
            duration: iso(w.end - w.start),
            offsetInTicks: ticks(w.start),
            durationInTicks: ticks(w.end) - ticks(w.start),
            confidence: w.confidence,
          })),
          displayWords: words.map((w) => ({
            displayText: w.text,
            offset: iso(w.start),
            duration: iso(w.end - w.start),
            offsetInTicks: ticks(w.start),
            durationInTicks: ticks(w.end) - ticks(w.start),
          })),
        },
      ],
    };
  }),
});

/**
 * Azure AI Speech batch transcription: `GET …/transcriptions/{id}` and `…/files` with
 * `Ocp-Apim-Subscription-Key`, then the transcription file at its `contentUrl` (a signed storage URL
 * that takes no key: this fake answers 400 if the key is sent there).
 * https://learn.microsoft.com/azure/ai-services/speech-service/batch-transcription-get
 */
export const azureApi: FakeApiSpec = {
  authorized: (req, key) => req.headers["ocp-apim-subscription-key"] === key,
  unauthorized: json(
    {
      error: { code: "401", message: "Access denied due to invalid subscription key or wrong API endpoint." },
    },
    401,
  ),
  notFound: json({ code: "NotFound", message: "The transcription could not be found." }, 404),
  public: [/^\/storage\//],
  sample: () => content(),
  routes: [
    [
      "GET",
      /^\/speechtotext\/transcriptions\/([^/]+)$/,
      (id, _req, base) =>
        json({
          self: `${base}/speechtotext/transcriptions/${id}?api-version=2024-11-15`,
          displayName: "call",
          locale: "en-US",
          status: "Succeeded",
          createdDateTime: "2024-05-01T10:00:00Z",
          lastActionDateTime: "2024-05-01T10:01:00Z",
          properties: { durationInTicks: ticks(SCRIPT.duration) },
          links: { files: `${base}/speechtotext/transcriptions/${id}/files?api-version=2024-11-15` },
        }),
    ],
    [
      "GET",
      /^\/speechtotext\/transcriptions\/([^/]+)\/files$/,
      (id, _req, base) =>
        json({
          values: [
            {
              self: `${base}/speechtotext/transcriptions/${id}/files/f1?api-version=2024-11-15`,
              name: "contenturl_0.json",
              kind: "Transcription",
              properties: { size: 2048 },
              createdDateTime: "2024-05-01T10:01:00Z",
              links: {
                contentUrl: `${base}/storage/${id}/contenturl_0.json?sv=2023-01-03&se=2030-01-01&sr=b&sp=r&sig=c2lnbmF0dXJl`,
              },
            },
            {
              self: `${base}/speechtotext/transcriptions/${id}/files/f2?api-version=2024-11-15`,
              name: "report.json",
              kind: "TranscriptionReport",
              properties: { size: 512 },
              createdDateTime: "2024-05-01T10:01:00Z",
              links: { contentUrl: `${base}/storage/${id}/report.json?sig=c2lnbmF0dXJl` },
            },
          ],
        }),
    ],
    [
      "GET",
      /^\/storage\/([^/]+)\/contenturl_0\.json$/,
      (_id, req) =>
        req.headers["ocp-apim-subscription-key"] !== undefined || !req.query.get("sig")
          ? json({ error: "Only the SAS signature authenticates storage requests" }, 400)
          : json(content()),
    ],
  ],
};
