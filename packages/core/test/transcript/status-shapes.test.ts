import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fetchJobStatus, fetchTranscript, resultClients, reviveEvent } from "@scribehook/core";
import { afterEach, describe, expect, it } from "vitest";

// Status mappings (failed / processing / other) and alternate or sparse result shapes of the result
// clients, over real HTTP on 127.0.0.1. Each fixture says whether its shape is from the provider's
// public docs or assumed where the docs are silent.

type Reply = { status?: number; body: unknown; contentType?: string };
let server: Server | undefined;
const KEY = "sk_status_shapes_secret_1234";

/** A result API answering each path (query ignored) with one reply; unknown paths are 404. */
async function api(routes: Record<string, Reply>): Promise<string> {
  server = createServer((req, res) => {
    const reply = routes[new URL(req.url ?? "/", "http://x").pathname];
    if (!reply) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    const raw = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, { "content-type": reply.contentType ?? "application/json" }).end(raw);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const status = (provider: string, jobId: string, apiBaseUrl: string) =>
  fetchJobStatus({ provider, jobId, apiKey: KEY, apiBaseUrl, attempts: 1 });
const transcript = (provider: string, jobId: string, apiBaseUrl: string) =>
  fetchTranscript({ provider, jobId, apiKey: KEY, apiBaseUrl, attempts: 1 });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e) => e as Error & { code?: string },
  );

describe("AssemblyAI", () => {
  const id = "aai-1";
  const at = "/v2/transcript/aai-1";

  it.each([
    // Docs (GET /v2/transcript/{id}): status is queued, processing, completed or error.
    ["queued", "processing"],
    ["processing", "processing"],
    // Assumed: a status the docs do not list maps to "other", never to completed.
    ["paused", "other"],
  ])("status %s → %s", async (providerStatus, expected) => {
    const base = await api({ [at]: { body: { id, status: providerStatus } } });
    const s = await status("assemblyai", id, base);
    expect(s).toMatchObject({ status: expected, providerStatus });
    expect(s.error).toBeUndefined();
  });

  it("status error → failed with the documented `error` reason; fetchTranscript rejects with it", async () => {
    // Docs: a failed transcript has status "error" and an `error` string.
    const body = { id, status: "error", error: "Download error, unable to download audio" };
    const base = await api({ [at]: { body } });
    const s = await status("assemblyai", id, base);
    expect(s).toMatchObject({ status: "failed", providerStatus: "error", error: { message: body.error } });
    const err = await failure(transcript("assemblyai", id, base));
    expect(err.code).toBe("provider_error");
    expect(err.message).toContain("unable to download audio");
    expect(err.message).not.toContain(KEY);
  });

  it("a transcript still processing is refused, not returned empty", async () => {
    const base = await api({ [at]: { body: { id, status: "processing" } } });
    const err = await failure(transcript("assemblyai", id, base));
    expect(err.code).toBe("provider_error");
    expect(err.message).toMatch(/not completed \(status processing\)/);
  });

  it("no utterances (speaker_labels off): segments come from the words; no language or duration when absent", async () => {
    // Docs shape with speaker_labels false: `utterances` null, words without `speaker`.
    const base = await api({
      [at]: {
        body: {
          id,
          status: "completed",
          text: "Hello there.",
          utterances: null,
          words: [
            { text: "Hello", start: 240, end: 640, confidence: 0.98, speaker: null },
            { text: "there.", start: 700, end: 1100, confidence: 0.97, speaker: null },
          ],
        },
      },
    });
    const t = await transcript("assemblyai", id, base);
    expect(t.text).toBe("Hello there.");
    expect(t.words?.map((w) => [w.text, w.startSecond, w.endSecond])).toEqual([
      ["Hello", 0.24, 0.64],
      ["there.", 0.7, 1.1],
    ]);
    expect(t.segments.length).toBeGreaterThan(0);
    expect(t.segments[0]!.startSecond).toBeCloseTo(0.24);
    expect(t.language).toBeUndefined();
    expect(t.durationInSeconds).toBeUndefined();
  });
});

describe("Soniox", () => {
  const id = "snx-1";
  const at = "/v1/transcriptions/snx-1";

  it.each([
    // Docs (GET /v1/transcriptions/{id}): status queued, processing, completed or error.
    ["queued", "processing"],
    ["processing", "processing"],
    ["", "other"],
  ])("status %j → %s", async (providerStatus, expected) => {
    const base = await api({ [at]: { body: { id, status: providerStatus || undefined } } });
    expect(await status("soniox", id, base)).toMatchObject({ status: expected, providerStatus });
  });

  it("status error → failed with error_type and error_message; fetchTranscript names the reason", async () => {
    // Docs: a failed transcription carries `error_type` and `error_message`.
    const body = { id, status: "error", error_type: "audio_decode_error", error_message: "Audio is corrupt" };
    const base = await api({ [at]: { body } });
    expect(await status("soniox", id, base)).toMatchObject({
      status: "failed",
      error: { code: "audio_decode_error", message: "Audio is corrupt" },
    });
    const err = await failure(transcript("soniox", id, base));
    expect(err.code).toBe("provider_error");
    expect(err.message).toContain("status error: Audio is corrupt");
  });

  it("tokens: translation tokens dropped, punctuation joins the word before, text rebuilt when absent", async () => {
    const base = await api({
      // Docs: audio_duration_ms on the transcription.
      [at]: { body: { id, status: "completed", audio_duration_ms: 1500 } },
      // Docs token shape; assumed: a transcript without `text` (the words are joined then).
      [`${at}/transcript`]: {
        body: {
          id,
          tokens: [
            { text: "Hel", start_ms: 100, end_ms: 200, confidence: 0.9, speaker: "1", language: "en" },
            { text: "lo", start_ms: 200, end_ms: 300, confidence: 0.7, speaker: "1", language: "en" },
            { text: ",", start_ms: 300, end_ms: 310, confidence: 0.99, speaker: "1" },
            { text: " ", start_ms: 310, end_ms: 320, speaker: "1" },
            { text: "Hola", start_ms: 0, end_ms: 0, translation_status: "translation", language: "es" },
            { text: " world", start_ms: 400, end_ms: 900, confidence: 0.8, speaker: "2" },
          ],
        },
      },
    });
    const t = await transcript("soniox", id, base);
    expect(t.words?.map((w) => [w.text, w.speaker])).toEqual([
      ["Hello,", "1"],
      ["world", "2"],
    ]);
    expect(t.words![0]!.confidence).toBe(0.7);
    expect(t.words![0]!.endSecond).toBeCloseTo(0.31);
    expect(t.text).toBe("Hello, world");
    expect(t.language).toBe("en");
    expect(t.durationInSeconds).toBe(1.5);
  });
});

describe("3Play Media", () => {
  const id = "tp-1";
  const at = "/v3/transcripts/tp-1";

  it("status in_progress → processing; cancelled → failed with the reason; anything else → other", async () => {
    // Docs (v3 transcript object): status and cancellation_reason inside `data`.
    let base = await api({ [at]: { body: { code: 200, data: { id, status: "in_progress" } } } });
    expect(await status("threeplay", id, base)).toMatchObject({
      status: "processing",
      providerStatus: "in_progress",
    });
    await new Promise<void>((r) => server!.close(() => r()));
    base = await api({
      [at]: {
        body: { code: 200, data: { id, status: "cancelled", cancellation_reason: "Customer request" } },
      },
    });
    expect(await status("threeplay", id, base)).toMatchObject({
      status: "failed",
      error: { code: "cancelled", message: "Customer request" },
    });
    await new Promise<void>((r) => server!.close(() => r()));
    // Assumed: a body without `data` is read as no status.
    base = await api({ [at]: { body: { code: 200 } } });
    expect(await status("threeplay", id, base)).toMatchObject({ status: "other", providerStatus: "" });
  });

  it("a transcript not complete is refused with its status", async () => {
    const base = await api({ [at]: { body: { data: { id, status: "in_progress" } } } });
    const err = await failure(transcript("threeplay", id, base));
    expect(err.code).toBe("provider_error");
    expect(err.message).toContain("not complete (status in_progress)");
  });

  it("text route answering bare text (assumed shape) is taken as it is; no duration when absent", async () => {
    const base = await api({
      [at]: { body: { data: { id, status: "complete" } } },
      [`${at}/text`]: { body: "  Hello there.\n", contentType: "text/plain" },
    });
    const t = await transcript("threeplay", id, base);
    expect(t.text).toBe("Hello there.");
    expect(t.durationInSeconds).toBeUndefined();
    expect(t.words ?? []).toEqual([]);
  });

  it("a JSON text body whose `data` is not a string falls back to the body", async () => {
    const base = await api({
      [at]: { body: { data: { id, status: "complete", duration: "12.5" } } },
      [`${at}/text`]: { body: '{"data":null}' },
    });
    const t = await transcript("threeplay", id, base);
    expect(t.text).toBe('{"data":null}');
    expect(t.durationInSeconds).toBe(12.5);
  });
});

describe("Scriptix", () => {
  const id = "sx-1";
  const at = "/api/v3/speech-to-text/session/sx-1/result";

  it.each([
    // Assumed: the docs show only "done"; other non-empty statuses are taken as still running,
    // "error"/"failed" or an `error` field as failed, no status as other.
    [{ status: "processing" }, "processing", undefined],
    [{ status: "failed" }, "failed", undefined],
    [{ status: "queued", error: "Unsupported media" }, "failed", "Unsupported media"],
    [{}, "other", undefined],
  ])("result %j → %s", async (result, expected, message) => {
    const base = await api({ [at]: { body: { result } } });
    const s = await status("scriptix", id, base);
    expect(s.status).toBe(expected);
    expect(s.error?.message).toBe(message);
  });

  it("a session without a result is refused with its status and error", async () => {
    const base = await api({ [at]: { body: { result: { status: "error", error: "Audio too short" } } } });
    const err = await failure(transcript("scriptix", id, base));
    expect(err.code).toBe("provider_error");
    expect(err.message).toContain("status error: Audio too short");
  });

  it("results without `text` are rebuilt from the word rows; no duration when absent", async () => {
    // Docs: word rows [word, start, end, confidence]; assumed: a result row may lack `text`.
    const base = await api({
      [at]: {
        body: {
          result: {
            status: "done",
            results: [
              {
                speaker: "unk",
                result: [
                  ["Hello", 0.2, 0.6, 0.9],
                  ["there", 0.7, 1.1, 0.8],
                ],
              },
              { speaker: "S2", text: "Bye.", result: [["Bye.", 1.5, 1.9, 0.95]] },
            ],
          },
        },
      },
    });
    const t = await transcript("scriptix", id, base);
    expect(t.segments.map((s) => [s.text, s.startSecond, s.endSecond, s.speaker])).toEqual([
      ["Hello there", 0.2, 1.1, "unk"],
      ["Bye.", 1.5, 1.9, "S2"],
    ]);
    expect(t.text).toBe("Hello there Bye.");
    expect(t.durationInSeconds).toBeUndefined();
  });
});

describe("Rev AI", () => {
  const id = "rev-1";
  const at = "/speechtotext/v1/jobs/rev-1";

  it("status in_progress → processing, failed → failed with failure and failure_detail, other → other", async () => {
    // Docs (Job object): status in_progress | transcribed | failed; `failure` and `failure_detail`.
    const body = { id, status: "failed", failure: "download_failure", failure_detail: "Media not found" };
    let base = await api({ [at]: { body } });
    expect(await status("revai", id, base)).toMatchObject({
      status: "failed",
      error: { code: "download_failure", message: "Media not found" },
    });
    await new Promise<void>((r) => server!.close(() => r()));
    base = await api({ [at]: { body: { id, status: "in_progress" } } });
    expect(await status("revai", id, base)).toMatchObject({ status: "processing" });
    await new Promise<void>((r) => server!.close(() => r()));
    base = await api({ [at]: { body: { id } } });
    expect(await status("revai", id, base)).toMatchObject({ status: "other", providerStatus: "" });
  });

  it("speaker_name wins over speaker; punct joins the word before; empty monologues give no segment", async () => {
    const base = await api({
      // Docs (Transcript JSON): monologues of text / punct elements; speaker_name when named.
      [`${at}/transcript`]: {
        body: {
          monologues: [
            {
              speaker: 0,
              speaker_name: "Agent",
              elements: [
                { type: "text", value: "Hi", ts: 0.5, end_ts: 0.9, confidence: 0.9 },
                { type: "punct", value: "." },
                { type: "punct", value: " " },
              ],
            },
            { speaker: 1, elements: [{ type: "punct", value: " " }] },
          ],
        },
      },
      // Assumed sparse Job: no language or duration_seconds.
      [at]: { body: { id, status: "transcribed" } },
    });
    const t = await transcript("revai", id, base);
    expect(t.segments.map((s) => [s.text, s.speaker])).toEqual([["Hi.", "Agent"]]);
    expect(t.words?.map((w) => w.text)).toEqual(["Hi."]);
    expect(t.language).toBeUndefined();
    expect(t.durationInSeconds).toBeUndefined();
  });
});

describe("ElevenLabs", () => {
  const id = "el-1";
  const at = "/v1/speech-to-text/transcripts/el-1";

  it("multichannel result: the first channel's words, spacing and audio events left out", async () => {
    // Docs (multichannel response): `transcripts`, one per channel, each with words of type
    // word | spacing | audio_event.
    const base = await api({
      [at]: {
        body: {
          transcripts: [
            {
              language_code: "eng",
              words: [
                { text: "Hi", start: 0.1, end: 0.4, type: "word", speaker_id: "speaker_0" },
                { text: " ", start: 0.4, end: 0.5, type: "spacing" },
                { text: "(laughs)", start: 0.5, end: 0.9, type: "audio_event" },
                { text: " there", start: 0.9, end: 1.2, type: "word", speaker_id: "speaker_0" },
              ],
            },
            { language_code: "eng", text: "Other channel", words: [] },
          ],
        },
      },
    });
    const t = await transcript("elevenlabs", id, base);
    expect(t.words?.map((w) => w.text)).toEqual(["Hi", "there"]);
    expect(t.text).toBe("Hi there");
    expect(t.language).toBe("eng");
    expect(t.segments.map((s) => s.speaker)).toEqual(["speaker_0"]);
  });

  it("a body that is no object gives an empty transcript, not a crash", async () => {
    const base = await api({ [at]: { body: [] } });
    const t = await transcript("elevenlabs", id, base);
    expect(t.text).toBe("");
    expect(t.segments).toEqual([]);
    expect(t.language).toBeUndefined();
  });
});

describe("InstantTranscriber", () => {
  const id = "it-1";
  const at = "/v1/transcriptions/it-1";

  it.each([
    // Docs (webhook): status completed | failed; assumed: the status route answers the same, and
    // queued / processing while running.
    [{ id, status: "failed" }, "failed"],
    [{ id, status: "queued" }, "processing"],
    [{ id, status: "processing" }, "processing"],
    [{ id, status: "archived" }, "other"],
    [["not", "an", "object"], "other"],
  ])("status body %j → %s", async (body, expected) => {
    const base = await api({ [at]: { body } });
    expect((await status("instanttranscriber", id, base)).status).toBe(expected);
  });

  it("no SRT export (404) → not_found, the key in no message", async () => {
    const base = await api({});
    const err = await failure(transcript("instanttranscriber", id, base));
    expect(err.code).toBe("not_found");
    expect(err.message).not.toContain(KEY);
  });
});

// From a callback: the event's payload steers the fetch (the queue path, rebuilt with reviveEvent).
const fromCallback = (provider: string, jobId: string, payload: unknown, apiBaseUrl: string) =>
  reviveEvent(
    {
      type: "transcription.completed",
      provider,
      jobId,
      idempotencyKey: `${provider}:${jobId}:completed`,
      receivedAt: Date.now(),
      payload,
    },
    { apiKey: KEY, apiBaseUrl, client: resultClients[provider] },
  );

describe("result fetches steered by the callback payload", () => {
  const SRT = "1\n00:00:00,500 --> 00:00:01,500\nHello there.\n";
  const seen: { path: string; authorization?: string }[] = [];
  let decoy: Server | undefined;
  afterEach(async () => {
    seen.length = 0;
    await new Promise<void>((resolve) => (decoy ? decoy.close(() => resolve()) : resolve()));
    decoy = undefined;
  });
  const recording = async (srtPaths: string[]) => {
    const base = await api(
      Object.fromEntries(srtPaths.map((p) => [p, { body: SRT, contentType: "application/x-subrip" }])),
    );
    server!.prependListener("request", (req) =>
      seen.push({ path: req.url ?? "", authorization: req.headers.authorization }),
    );
    return base;
  };

  it("InstantTranscriber: the callback's SRT link on the API origin is used, with the key", async () => {
    // Docs (webhook): `download_urls.srt` links the finished export.
    const base = await recording(["/exports/it-1.srt"]);
    const event = fromCallback(
      "instanttranscriber",
      "it-1",
      { download_urls: { srt: `${base}/exports/it-1.srt` } },
      base,
    );
    const t = await event.transcript();
    expect(t.text).toBe("Hello there.");
    expect(seen).toEqual([{ path: "/exports/it-1.srt", authorization: `Bearer ${KEY}` }]);
  });

  it("InstantTranscriber (attacker side): a link to another host is never sent the key; the API route is used", async () => {
    const hits: string[] = [];
    decoy = createServer((req, res) => {
      hits.push(String(req.headers.authorization));
      res.end(SRT);
    });
    await new Promise<void>((resolve) => decoy!.listen(0, "127.0.0.1", resolve));
    const evil = `http://127.0.0.1:${(decoy.address() as AddressInfo).port}/steal.srt`;
    // Assumed route without a usable link: /v1/transcriptions/{id}/download?format=srt.
    const base = await recording(["/v1/transcriptions/it-2/download"]);
    for (const srt of [evil, "not a url"]) {
      const t = await fromCallback(
        "instanttranscriber",
        "it-2",
        { download_urls: { srt } },
        base,
      ).transcript();
      expect(t.text).toBe("Hello there.");
    }
    expect(hits).toEqual([]);
    expect(seen.map((s) => s.path)).toEqual([
      "/v1/transcriptions/it-2/download?format=srt",
      "/v1/transcriptions/it-2/download?format=srt",
    ]);
  });

  it("Rev AI: the job in the notification gives language and duration without a second request", async () => {
    // Docs (notification): `{ job: { id, status, language, duration_seconds, … } }`.
    const base = await api({
      "/speechtotext/v1/jobs/rev-9/transcript": {
        body: {
          monologues: [
            {
              speaker: 1,
              elements: [
                { type: "text", value: "Yes", ts: 1, end_ts: 1.4 },
                { type: "punct", value: "!" },
              ],
            },
          ],
        },
      },
    });
    const job = { id: "rev-9", status: "transcribed", language: "de", duration_seconds: 3.5 };
    const t = await fromCallback("revai", "rev-9", { job }, base).transcript();
    expect({ text: t.text, language: t.language, duration: t.durationInSeconds }).toEqual({
      text: "Yes!",
      language: "de",
      duration: 3.5,
    });
  });
});

describe("rows missing fields (assumed damage, not documented shapes) map to defaults, not crashes", () => {
  it("Scriptix word rows without times or text", async () => {
    const base = await api({
      "/api/v3/speech-to-text/session/sx-2/result": {
        body: { result: { status: "done", results: [{ result: [[null], ["ok"]] }, { text: "alone" }] } },
      },
    });
    const t = await transcript("scriptix", "sx-2", base);
    expect(t.words?.map((w) => [w.text, w.startSecond, w.endSecond])).toEqual([
      ["", 0, 0],
      ["ok", 0, 0],
    ]);
    expect(t.segments.map((s) => [s.text, s.startSecond, s.endSecond])).toEqual([
      ["ok", 0, 0],
      ["alone", 0, 0],
    ]);
  });

  it("ElevenLabs words without type, text or times count as words at 0 s", async () => {
    const base = await api({
      "/v1/speech-to-text/transcripts/el-2": { body: { words: [{}, { text: "x", start: 1, end: 2 }] } },
    });
    const t = await transcript("elevenlabs", "el-2", base);
    expect(t.words?.map((w) => [w.text, w.startSecond, w.endSecond])).toEqual([
      ["", 0, 0],
      ["x", 1, 2],
    ]);
  });

  it("Soniox without language or audio_duration_ms reports neither", async () => {
    const base = await api({
      "/v1/transcriptions/snx-2": { body: { id: "snx-2", status: "completed" } },
      "/v1/transcriptions/snx-2/transcript": {
        body: { text: "Hi", tokens: [{ text: "Hi", start_ms: 0, end_ms: 100 }, {}] },
      },
    });
    const t = await transcript("soniox", "snx-2", base);
    expect(t.words?.map((w) => w.text)).toEqual(["Hi"]);
    expect(t.language).toBeUndefined();
    expect(t.durationInSeconds).toBeUndefined();
  });

  it("a status of no known value is reported as unknown in the refusal", async () => {
    const base = await api({
      "/v2/transcript/a": { body: { id: "a" } },
      "/v1/transcriptions/b": { body: { id: "b" } },
      "/v3/transcripts/c": { body: { data: { id: "c" } } },
      "/api/v3/speech-to-text/session/d/result": { body: {} },
    });
    for (const [provider, id] of [
      ["assemblyai", "a"],
      ["soniox", "b"],
      ["threeplay", "c"],
      ["scriptix", "d"],
    ]) {
      const err = await failure(transcript(provider!, id!, base));
      expect([provider, err.code, /status unknown/.test(err.message)]).toEqual([
        provider,
        "provider_error",
        true,
      ]);
    }
  });
});
