import { type FakeApiSpec, json, SCRIPT } from "../spec";

const results = () => [
  {
    result_index: 0,
    results: SCRIPT.segments.map((s) => {
      const words = SCRIPT.words.filter((w) => w.speaker === s.speaker);
      const lower = words.map((w) => w.text.replace(/\.$/, "").toLowerCase());
      return {
        final: true,
        alternatives: [
          {
            transcript: `${lower.join(" ")} `,
            confidence: 0.95,
            timestamps: words.map((w, i) => [lower[i], w.start, w.end]),
            word_confidence: words.map((w, i) => [lower[i], w.confidence]),
          },
        ],
      };
    }),
    speaker_labels: SCRIPT.words.map((w, i) => ({
      from: w.start,
      to: w.end,
      speaker: w.speaker,
      confidence: 0.6,
      final: i === SCRIPT.words.length - 1,
    })),
  },
];

/**
 * IBM Watson Speech to Text `GET /v1/recognitions/{id}` on an instance URL; the key as Basic
 * `apikey:<key>`. https://cloud.ibm.com/apidocs/speech-to-text#checkjob
 */
export const ibmApi: FakeApiSpec = {
  authorized: (req, key) =>
    req.headers.authorization === `Basic ${Buffer.from(`apikey:${key}`).toString("base64")}`,
  unauthorized: json({ code: 401, error: "Unauthorized" }, 401),
  notFound: json({ code: 404, code_description: "Not Found", error: "Job not found" }, 404),
  sample: (id) => ({
    id,
    status: "completed",
    created: "2024-05-01T10:00:00.000Z",
    updated: "2024-05-01T10:01:00.000Z",
    url: `https://api.us-south.speech-to-text.watson.cloud.ibm.com/v1/recognitions/${id}`,
    results: results(),
  }),
  routes: [
    ["GET", /^(?:\/instances\/[^/]+)?\/v1\/recognitions\/([^/]+)$/, (id) => json(ibmApi.sample(id, ""))],
  ],
};
