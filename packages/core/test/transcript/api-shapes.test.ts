import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createEvent,
  fetchCaptions,
  fetchJobStatus,
  fetchTranscript,
  resultClients,
  TranscriptError,
  type TranscriptionEvent,
} from "@scribehook/core";
import { afterEach, describe, expect, it } from "vitest";

// The result APIs of Azure, IBM, Gladia, Speechmatics and Rev.com beyond the completed job: each
// status the provider documents (failed / processing / cancelled), error paths, and alternate
// documented result shapes. A real HTTP server on 127.0.0.1 serves one JSON body per path, as the
// fixture for each case; which fields come from the provider's public docs and which are assumed is
// said at each fixture.

type Routes = Record<string, unknown>;
interface Api {
  url: string;
  requests: { path: string; headers: IncomingHttpHeaders }[];
}
let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** Serves `routes[path?query]` or `routes[path]` (an object as JSON, a string as text); else 404. */
async function api(routes: (base: string) => Routes): Promise<Api> {
  const requests: Api["requests"] = [];
  let table: Routes = {};
  server = createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://x");
    requests.push({ path: u.pathname + u.search, headers: req.headers });
    const body = table[u.pathname + u.search] ?? table[u.pathname];
    if (body === undefined) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"message":"not found"}');
    } else if (typeof body === "string") {
      res.writeHead(200, { "content-type": "text/plain" }).end(body);
    } else {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    }
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  table = routes(url);
  return { url, requests };
}

const KEY = "test-key-123";
async function rejection(p: Promise<unknown>): Promise<TranscriptError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TranscriptError);
  return err as TranscriptError;
}

describe("Azure AI Speech", () => {
  // Docs: https://learn.microsoft.com/azure/ai-services/speech-service/batch-transcription-get
  // (status NotStarted / Running / Succeeded / Failed; properties.error { code, message }).
  const opts = (url: string) => ({ provider: "azure", jobId: "t1", apiKey: KEY, apiBaseUrl: url });
  const status = async (body: unknown) => {
    const { url } = await api(() => ({ "/speechtotext/transcriptions/t1": body }));
    return fetchJobStatus(opts(url));
  };

  it("maps Succeeded, Running, NotStarted, Failed (with its error) and an unknown status", async () => {
    expect((await status({ status: "Succeeded" })).status).toBe("completed");
    expect((await status({ status: "Running" })).status).toBe("processing");
    expect((await status({ status: "NotStarted" })).status).toBe("processing");
    const failed = await status({
      status: "Failed",
      properties: { error: { code: "InvalidData", message: "The audio is corrupt." } },
    });
    expect(failed).toMatchObject({
      status: "failed",
      providerStatus: "Failed",
      error: { code: "InvalidData", message: "The audio is corrupt." },
    });
    expect(await status({})).toMatchObject({ status: "other", providerStatus: "" });
  });

  it("ISO 8601 durations instead of ticks, failed phrases dropped, phrases sorted, words without displayWords", async () => {
    // Docs: the transcription file has offset/duration (ISO 8601) next to offsetInTicks/durationInTicks;
    // `recognitionStatus` other than Success carries no text. Assumed: the file may omit the ticks.
    const { url, requests } = await api((base) => ({
      "/speechtotext/transcriptions/t1/files": {
        values: [
          { kind: "TranscriptionReport", links: { contentUrl: `${base}/report.json` } },
          { kind: "Transcription", links: { contentUrl: `${base}/content.json` } },
        ],
      },
      "/content.json": {
        duration: "PT1M2.5S",
        recognizedPhrases: [
          {
            offset: "PT2S",
            duration: "PT1S",
            speaker: 2,
            locale: "en-GB",
            nBest: [{ display: "Second.", words: [{ word: "second", offset: "PT2S", duration: "PT0.5S" }] }],
          },
          { recognitionStatus: "NoMatch", offset: "PT1.5S", nBest: [{ display: "noise" }] },
          {
            offset: "PT0.5S",
            duration: "PT1S",
            speaker: 1,
            nBest: [
              {
                display: "First.",
                words: [{ word: "first", offset: "PT0.5S", duration: "PT0.4S", confidence: 0.9 }],
              },
            ],
          },
          { offset: "PT4S", nBest: [] },
        ],
      },
    }));
    const t = await fetchTranscript(opts(url));
    expect(t.segments).toEqual([
      { text: "First.", startSecond: 0.5, endSecond: 1.5, speaker: "1" },
      { text: "Second.", startSecond: 2, endSecond: 3, speaker: "2" },
    ]);
    expect(t.words).toEqual([
      { text: "first", startSecond: 0.5, endSecond: 0.9, confidence: 0.9, speaker: "1" },
      { text: "second", startSecond: 2, endSecond: 2.5, speaker: "2" },
    ]);
    // No combinedRecognizedPhrases: the text is the phrases joined.
    expect(t.text).toBe("First. Second.");
    expect(t.language).toBe("en-GB");
    expect(t.durationInSeconds).toBe(62.5);
    // The key goes to the files listing, not to the signed storage URL.
    expect(requests[0]!.headers["ocp-apim-subscription-key"]).toBe(KEY);
    expect(requests[1]!.path).toBe("/content.json");
    expect(requests[1]!.headers["ocp-apim-subscription-key"]).toBeUndefined();
  });

  it("from a callback: the API base and path from its `self`, the locale from the entity", async () => {
    // Docs: the web hook body is the transcription entity (`self`, `locale`), see
    // https://learn.microsoft.com/azure/ai-services/speech-service/web-hooks
    const { url, requests } = await api((base) => ({
      "/speech/speechtotext/transcriptions/t1/files": {
        values: [{ kind: "Transcription", links: { contentUrl: `${base}/content.json` } }],
      },
      "/content.json": {
        durationInTicks: 25_000_000,
        recognizedPhrases: [
          {
            offsetInTicks: 5_000_000,
            durationInTicks: 10_000_000,
            nBest: [
              {
                display: "Hallo.",
                displayWords: [
                  { displayText: "Hallo.", offsetInTicks: 5_000_000, durationInTicks: 10_000_000 },
                ],
              },
            ],
          },
        ],
      },
    }));
    const payload = {
      self: `${url}/speech/speechtotext/transcriptions/t1?api-version=2024-11-15`,
      locale: "de-DE",
    };
    const event = createEvent<TranscriptionEvent>(
      { apiKey: KEY, client: resultClients.azure },
      { provider: "azure", jobId: "t1", payload },
    );
    const t = await event.transcript();
    expect(requests[0]!.path).toBe("/speech/speechtotext/transcriptions/t1/files?api-version=2024-11-15");
    expect(t.words).toEqual([{ text: "Hallo.", startSecond: 0.5, endSecond: 1.5 }]);
    expect(t.language).toBe("de-DE");
    expect(t.durationInSeconds).toBe(2.5);
  });

  it("an empty transcription file: a valid empty transcript without language or duration", async () => {
    const { url } = await api((base) => ({
      "/speechtotext/transcriptions/t1/files": {
        values: [{ kind: "Transcription", links: { contentUrl: `${base}/content.json` } }],
      },
      "/content.json": {},
    }));
    const t = await fetchTranscript(opts(url));
    expect(t).toMatchObject({ text: "", segments: [], words: [] });
    expect(t.language).toBeUndefined();
    expect(t.durationInSeconds).toBeUndefined();
  });

  it("no Transcription file listed (job not done): not_found", async () => {
    const { url } = await api(() => ({
      "/speechtotext/transcriptions/t1/files": { values: [{ kind: "TranscriptionReport", links: {} }] },
    }));
    const err = await rejection(fetchTranscript(opts(url)));
    expect(err.code).toBe("not_found");
    expect(err.message).not.toContain(KEY);
  });
});

describe("IBM Watson Speech to Text", () => {
  // Docs: https://cloud.ibm.com/apidocs/speech-to-text#checkjob (status waiting / processing /
  // completed / failed; `warnings` on a failed job).
  const opts = (url: string) => ({ provider: "ibm", jobId: "r1", apiKey: KEY, apiBaseUrl: url });
  const serve = (body: unknown) => api(() => ({ "/v1/recognitions/r1": body }));

  it("maps completed, waiting, processing, failed (warnings as the message) and an unknown status", async () => {
    const cases: [unknown, string][] = [
      [{ status: "completed" }, "completed"],
      [{ status: "waiting" }, "processing"],
      [{ status: "processing" }, "processing"],
      [{ status: "deleted" }, "other"],
    ];
    for (const [body, expected] of cases) {
      const { url } = await serve(body);
      expect((await fetchJobStatus(opts(url))).status).toBe(expected);
      await new Promise((r) => server!.close(r));
    }
    const { url } = await serve({
      status: "failed",
      warnings: ["Unable to transcode.", "Unsupported format."],
    });
    expect(await fetchJobStatus(opts(url))).toMatchObject({
      status: "failed",
      error: { message: "Unable to transcode.; Unsupported format." },
    });
  });

  it("a failed job without warnings: failed, no message", async () => {
    const { url } = await serve({ status: "failed" });
    const s = await fetchJobStatus(opts(url));
    expect(s.status).toBe("failed");
    expect(s.error?.message).toBeUndefined();
  });

  it("fetchTranscript on a job still processing: provider_error naming the status", async () => {
    const { url } = await serve({ status: "processing" });
    const err = await rejection(fetchTranscript(opts(url)));
    expect(err.code).toBe("provider_error");
    expect(err.message).toContain("processing");
  });

  it("fetchTranscript on a body without status: provider_error, status unknown", async () => {
    const { url } = await serve({});
    expect((await rejection(fetchTranscript(opts(url)))).message).toContain("status unknown");
  });

  it("fetchTranscript on a completed job with no results: an empty valid transcript", async () => {
    const { url, requests } = await serve({ status: "completed" });
    const t = await fetchTranscript(opts(url));
    expect(t).toMatchObject({ text: "", segments: [], words: [] });
    expect(requests[0]!.headers.authorization).toBe(`Basic ${btoa(`apikey:${KEY}`)}`);
  });
});

describe("Gladia", () => {
  // Docs: https://docs.gladia.io/api-reference/v2/pre-recorded/get (status queued / processing /
  // done / error; error_code on an errored job).
  const opts = (url: string) => ({ provider: "gladia", jobId: "g1", apiKey: KEY, apiBaseUrl: url });
  const serve = (body: unknown) => api(() => ({ "/v2/pre-recorded/g1": body }));

  it("maps done, queued, processing, error (error_code as the code) and an unknown status", async () => {
    for (const [body, expected] of [
      [{ status: "done" }, "completed"],
      [{ status: "queued" }, "processing"],
      [{ status: "processing" }, "processing"],
      [{ status: "paused" }, "other"],
    ] as const) {
      const { url } = await serve(body);
      expect((await fetchJobStatus(opts(url))).status).toBe(expected);
      await new Promise((r) => server!.close(r));
    }
    const { url } = await serve({ status: "error", error_code: 422 });
    expect(await fetchJobStatus(opts(url))).toMatchObject({ status: "failed", error: { code: "422" } });
  });

  it("an errored job without error_code: failed, no code", async () => {
    const { url } = await serve({ status: "error" });
    expect((await fetchJobStatus(opts(url))).error?.code).toBeUndefined();
  });

  it("fetchTranscript on an errored job: provider_error with the error_code", async () => {
    const { url } = await serve({ status: "error", error_code: 500 });
    const err = await rejection(fetchTranscript(opts(url)));
    expect(err.code).toBe("provider_error");
    expect(err.message).toContain("error_code 500");
  });

  it("fetchTranscript on a queued job, or done without a result: provider_error, no result yet", async () => {
    const { url } = await serve({ status: "queued" });
    expect((await rejection(fetchTranscript(opts(url)))).message).toContain("status queued");
    await new Promise((r) => server!.close(r));
    const second = await serve({ status: "done" });
    expect((await rejection(fetchTranscript(opts(second.url)))).code).toBe("provider_error");
  });

  it("fetchTranscript on an errored job without error_code says unknown", async () => {
    const { url } = await serve({ status: "error" });
    expect((await rejection(fetchTranscript(opts(url)))).message).toContain("error_code unknown");
  });

  it("captions: Gladia's own subtitles in the asked format, else rendered from the utterances", async () => {
    const vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nGladia's own\n";
    const { url } = await serve({
      status: "done",
      result: {
        transcription: {
          full_transcript: "Hi.",
          utterances: [{ text: "Hi.", start: 0, end: 1, speaker: 0, words: [] }],
          subtitles: [{ format: "vtt", subtitles: vtt }],
        },
      },
    });
    expect(await fetchCaptions({ ...opts(url), format: "vtt" })).toBe(vtt);
    const srt = await fetchCaptions({ ...opts(url), format: "srt" });
    expect(srt).toContain("00:00:00,000 --> 00:00:01,000");
    expect(srt).toContain("Hi.");
  });
});

describe("Speechmatics", () => {
  // Docs: https://docs.speechmatics.com/api-ref/batch/get-job-details (job.status running / done /
  // rejected / deleted / expired; job.errors[] with message).
  const opts = (url: string) => ({ provider: "speechmatics", jobId: "s1", apiKey: KEY, apiBaseUrl: url });
  const serve = (body: unknown) => api(() => ({ "/v2/jobs/s1": body }));

  it("maps done, running, rejected (last error message) and deleted / expired as other", async () => {
    for (const [providerStatus, expected] of [
      ["done", "completed"],
      ["running", "processing"],
      ["deleted", "other"],
      ["expired", "other"],
    ] as const) {
      const { url } = await serve({ job: { id: "s1", status: providerStatus } });
      expect(await fetchJobStatus(opts(url))).toMatchObject({ status: expected, providerStatus });
      await new Promise((r) => server!.close(r));
    }
    const { url } = await serve({
      job: {
        status: "rejected",
        errors: [
          { timestamp: "2024-01-01T00:00:00Z", message: "first try" },
          { timestamp: "2024-01-01T00:01:00Z", message: "Audio too short" },
        ],
      },
    });
    expect(await fetchJobStatus(opts(url))).toMatchObject({
      status: "failed",
      error: { message: "Audio too short" },
    });
  });

  it("rejected without errors: a generic message; a body without job: other", async () => {
    const { url } = await serve({ job: { status: "rejected" } });
    expect((await fetchJobStatus(opts(url))).error?.message).toBe("Speechmatics rejected the job");
    await new Promise((r) => server!.close(r));
    const second = await serve({});
    expect(await fetchJobStatus(opts(second.url))).toMatchObject({ status: "other", providerStatus: "" });
  });

  it("captions: SRT from the API (format=srt), WebVTT rendered from json-v2", async () => {
    const srt = "1\n00:00:00,000 --> 00:00:00,500\nSpeechmatics' own\n";
    const { url, requests } = await api(() => ({
      "/v2/jobs/s1/transcript?format=srt": srt,
      "/v2/jobs/s1/transcript?format=json-v2": {
        results: [
          { type: "word", start_time: 0, end_time: 0.5, alternatives: [{ content: "Hi", speaker: "S1" }] },
          { type: "punctuation", start_time: 0.5, end_time: 0.5, alternatives: [{ content: "." }] },
        ],
      },
    }));
    expect(await fetchCaptions({ ...opts(url), format: "srt" })).toBe(srt);
    const vtt = await fetchCaptions({ ...opts(url), format: "vtt" });
    expect(vtt.startsWith("WEBVTT")).toBe(true);
    expect(vtt).toContain("Hi.");
    expect(requests.map((r) => r.path)).toEqual([
      "/v2/jobs/s1/transcript?format=srt",
      "/v2/jobs/s1/transcript?format=json-v2",
    ]);
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });
});

describe("Rev.com", () => {
  // Docs: https://www.rev.com/api/ordersget (order status, attachments with kind transcript / caption /
  // media) and https://www.rev.com/api/attachmentsgetcontent (Rev transcript JSON: monologues of
  // elements). Unconfirmed by the docs: the element timestamp format and the media length field names.
  const apiKey = "client-key:user-key";
  const opts = (url: string) => ({ provider: "revcom", jobId: "TC0001", apiKey, apiBaseUrl: url });
  const serve = (order: unknown, more: Routes = {}) =>
    api(() => ({ "/api/v1/orders/TC0001": order, ...more }));

  it("maps Complete, Cancelled (with a cancelled error), an in-progress status and no status", async () => {
    for (const [providerStatus, expected] of [
      ["Complete", "completed"],
      ["Transcribing", "processing"],
      ["", "other"],
    ] as const) {
      const { url } = await serve({ status: providerStatus });
      expect((await fetchJobStatus(opts(url))).status).toBe(expected);
      await new Promise((r) => server!.close(r));
    }
    const { url, requests } = await serve({ status: "Cancelled" });
    expect(await fetchJobStatus(opts(url))).toMatchObject({
      status: "failed",
      providerStatus: "Cancelled",
      error: { code: "cancelled" },
    });
    expect(requests[0]!.headers.authorization).toBe(`Rev ${apiKey}`);
  });

  it("an order without a transcript attachment yet: not_found, no key in the error", async () => {
    const { url } = await serve({ status: "In Progress", attachments: [{ kind: "media", id: "m1" }] });
    const err = await rejection(fetchTranscript(opts(url)));
    expect(err.code).toBe("not_found");
    expect(`${err.message} ${JSON.stringify(err)}`).not.toContain("user-key");
  });

  it("monologues → segments with the speaker name; clock and numeric times; the media length", async () => {
    const { url, requests } = await serve(
      {
        status: "Complete",
        attachments: [
          { kind: "media", id: "m1", video_length_seconds: 12.5 },
          { kind: "transcript", id: "a1" },
        ],
      },
      {
        "/api/v1/attachments/a1/content": {
          speakers: [{ id: 1, name: "Alice" }],
          monologues: [
            {
              speaker: 1,
              speaker_name: "Alice",
              elements: [
                { type: "text", value: "Hello", timestamp: "00:00:01.250", end_timestamp: "00:00:01.700" },
                { type: "punct", value: " " },
                { type: "text", value: "there.", timestamp: "00:00:01.800", end_timestamp: "00:00:02.100" },
              ],
            },
            // Assumed: a monologue whose speaker has no name, times as seconds.
            { speaker: 2, elements: [{ type: "text", value: "Hi.", timestamp: 3, end_timestamp: 3.5 }] },
            { speaker: 1, elements: [{ type: "tag", value: "[inaudible]" }] },
            { speaker: 1, elements: [{ type: "text", value: "untimed" }] },
          ],
        },
      },
    );
    const t = await fetchTranscript(opts(url));
    expect(t.segments).toEqual([
      { text: "Hello there.", startSecond: 1.25, endSecond: 2.1, speaker: "Alice" },
      { text: "Hi.", startSecond: 3, endSecond: 3.5, speaker: "2" },
      { text: "untimed", startSecond: 0, endSecond: 0, speaker: "1" },
    ]);
    expect(t.text).toBe("Hello there. Hi. untimed");
    expect(t.words).toBeUndefined();
    expect(t.durationInSeconds).toBe(12.5);
    expect(requests[1]!.headers.accept).toBe("application/json+rev-transcript");
  });

  it("captions: the order's caption attachment when there is one, else rendered", async () => {
    const srt = "1\n00:00:00,000 --> 00:00:01,000\nRev's own\n";
    const { url, requests } = await serve(
      { status: "Complete", attachments: [{ kind: "caption", id: "c1" }] },
      { "/api/v1/attachments/c1/content": srt },
    );
    expect(await fetchCaptions({ ...opts(url), format: "srt" })).toBe(srt);
    expect(requests[1]!.headers.accept).toBe("application/x-subrip");
    await new Promise((r) => server!.close(r));

    const second = await serve(
      { status: "Complete", attachments: [{ kind: "transcript", id: "a1" }] },
      {
        "/api/v1/attachments/a1/content": {
          monologues: [
            {
              speaker_name: "Bo",
              elements: [{ type: "text", value: "Yes.", timestamp: 0, end_timestamp: 1 }],
            },
          ],
        },
      },
    );
    const vtt = await fetchCaptions({ ...opts(second.url), format: "vtt" });
    expect(vtt.startsWith("WEBVTT")).toBe(true);
    expect(vtt).toContain("Yes.");
  });
});
