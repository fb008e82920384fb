import {
  fetchCaptions,
  fetchJobStatus,
  fetchTranscript,
  type Transcript,
  TranscriptError,
} from "@scribehook/core";
import { type FakeProviderApi, fakeProviderApi } from "@scribehook/testing";
import { afterEach, describe, expect, it } from "vitest";
import { expectNoSecret, expectValidCaptions } from "./support";

// Each provider's result API, faked on 127.0.0.1 from its public docs: the mapping to the one
// Transcript shape (seconds, speakers as strings, language and duration as reported), the key checks,
// retries and timeouts, over real HTTP.

type Seg = [text: string, start: number, end: number, speaker?: string];
type Wd = [text: string, start: number, end: number, speaker?: string];
interface Case {
  provider: string;
  jobId: string;
  apiBaseUrlSuffix?: string;
  text: string;
  segments: Seg[];
  words?: { count: number; first: Wd; last: Wd };
  language?: string;
  duration?: number;
  /** Requests one fetchTranscript() makes. */
  requests: number;
}

const SCRIPT = "Hello there. Thanks for calling.";
const words = (a: string, b: string): Case["words"] => ({
  count: 5,
  first: ["Hello", 0.24, 0.64, a],
  last: ["calling.", 2.02, 2.56, b],
});
const twoSegments = (a?: string, b?: string): Seg[] => [
  ["Hello there.", 0.24, 1.1, a],
  ["Thanks for calling.", 1.5, 2.56, b],
];

const CASES: Case[] = [
  {
    provider: "assemblyai",
    jobId: "5551722-f677-48a6-9287-39c0aafd9ac1",
    text: SCRIPT,
    segments: twoSegments("A", "B"),
    words: words("A", "B"),
    language: "en_us",
    duration: 4,
    requests: 1,
  },
  {
    provider: "revai",
    jobId: "Umx5c6F7pH7r",
    text: SCRIPT,
    segments: twoSegments("0", "1"),
    words: words("0", "1"),
    language: "en",
    duration: 4,
    requests: 2,
  },
  {
    provider: "speechmatics",
    jobId: "dsb4lbi8e0",
    text: SCRIPT,
    segments: twoSegments("S1", "S2"),
    words: words("S1", "S2"),
    language: "en",
    duration: 4,
    requests: 1,
  },
  {
    provider: "soniox",
    jobId: "19b6d61d-02db-4c25-bc71-b4094dc310c8",
    text: SCRIPT,
    segments: twoSegments("1", "2"),
    words: words("1", "2"),
    language: "en",
    duration: 4,
    requests: 2,
  },
  {
    provider: "gladia",
    jobId: "45463597-20b7-4af7-b3b3-f5fb778203ab",
    text: SCRIPT,
    segments: twoSegments("0", "1"),
    words: words("0", "1"),
    language: "en",
    duration: 4,
    requests: 1,
  },
  {
    provider: "elevenlabs",
    jobId: "tr_8f2c",
    text: SCRIPT,
    segments: twoSegments("speaker_0", "speaker_1"),
    words: words("speaker_0", "speaker_1"),
    language: "eng",
    requests: 1,
  },
  {
    provider: "ibm",
    jobId: "4bd734c0-e575-21f3-de03-f932aa0468a0",
    apiBaseUrlSuffix: "/instances/8e1b2c",
    text: "hello there thanks for calling",
    segments: [
      ["hello there", 0.24, 1.1, "0"],
      ["thanks for calling", 1.5, 2.56, "1"],
    ],
    words: { count: 5, first: ["hello", 0.24, 0.64, "0"], last: ["calling", 2.02, 2.56, "1"] },
    requests: 1,
  },
  {
    provider: "azure",
    jobId: "ba7ea6f5-1a4b-4a4e-8d0c-2f5e7c9a1b3d",
    text: SCRIPT,
    segments: twoSegments("1", "2"),
    words: words("1", "2"),
    language: "en-US",
    duration: 4,
    requests: 2,
  },
  {
    provider: "threeplay",
    jobId: "8812",
    text: SCRIPT,
    segments: [[SCRIPT, 0, 4]],
    duration: 4,
    requests: 2,
  },
  {
    provider: "revcom",
    jobId: "TC0233908691",
    text: SCRIPT,
    segments: twoSegments("Speaker 1", "Speaker 2"),
    duration: 4,
    requests: 2,
  },
  {
    provider: "scriptix",
    jobId: "49b5b257000004000006ccdfc8",
    text: SCRIPT,
    segments: twoSegments("S1", "S2"),
    words: words("S1", "S2"),
    duration: 4,
    requests: 1,
  },
  {
    provider: "instanttranscriber",
    jobId: "4ac2a89e-1572-4b68-84a7-21d0493df4d5",
    text: SCRIPT,
    segments: twoSegments(),
    requests: 1,
  },
];

let api: FakeProviderApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function start(c: Case) {
  api = await fakeProviderApi(c.provider);
  return { api, base: api.url + (c.apiBaseUrlSuffix ?? "") };
}

const closeTo = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 6);

function expectSegments(t: Transcript, expected: Seg[]) {
  expect(t.segments.map((s) => [s.text, s.speaker])).toEqual(expected.map((s) => [s[0], s[3]]));
  t.segments.forEach((s, i) => {
    closeTo(s.startSecond, expected[i]![1]);
    closeTo(s.endSecond, expected[i]![2]);
  });
}

function expectWord(actual: Transcript["segments"][number] | undefined, [text, start, end, speaker]: Wd) {
  expect({ text: actual?.text, speaker: actual?.speaker }).toEqual({ text, speaker });
  closeTo(actual!.startSecond, start);
  closeTo(actual!.endSecond, end);
}

describe.each(CASES)("$provider result API", (c) => {
  it("maps text, segments, words (seconds), speakers, language and duration", async () => {
    const { api, base } = await start(c);
    const t = await fetchTranscript({
      provider: c.provider,
      jobId: c.jobId,
      apiKey: api.apiKey,
      apiBaseUrl: base,
    });
    expect({ provider: t.provider, jobId: t.jobId, text: t.text }).toEqual({
      provider: c.provider,
      jobId: c.jobId,
      text: c.text,
    });
    expectSegments(t, c.segments);
    if (c.words) {
      expect(t.words).toHaveLength(c.words.count);
      expectWord(t.words![0], c.words.first);
      expectWord(t.words![t.words!.length - 1], c.words.last);
    } else {
      expect(t.words ?? []).toHaveLength(0);
    }
    expect(t.language).toBe(c.language);
    expect(t.durationInSeconds).toBe(c.duration);
    expect(t.raw).toBeTypeOf(c.provider === "instanttranscriber" ? "string" : "object");
    expect(api.requests).toHaveLength(c.requests);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });

  it("a wrong key → unauthorized (401), the key in no message, cause or JSON", async () => {
    const { api, base } = await start(c);
    const wrongKey = "sk-wrong-key-9f8e7d6c5b4a";
    const err = await fetchTranscript({
      provider: c.provider,
      jobId: c.jobId,
      apiKey: wrongKey,
      apiBaseUrl: base,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(TranscriptError);
    expect({ code: err.code, status: err.status, provider: err.provider, jobId: err.jobId }).toEqual({
      code: "unauthorized",
      status: 401,
      provider: c.provider,
      jobId: c.jobId,
    });
    expect(err.cause).toBeInstanceOf(Error);
    expectNoSecret(err, [wrongKey, api.apiKey]);
  });

  it("an unknown job → not_found", async () => {
    const { api, base } = await start(c);
    const err = await fetchTranscript({
      provider: c.provider,
      jobId: "unknown-job",
      apiKey: api.apiKey,
      apiBaseUrl: base,
    }).catch((e) => e);
    expect({ name: err.name, code: err.code, status: err.status }).toEqual({
      name: "TranscriptError",
      code: "not_found",
      status: 404,
    });
  });

  it("no apiKey → no_api_key, and no request", async () => {
    const { api, base } = await start(c);
    const err = await fetchTranscript({ provider: c.provider, jobId: c.jobId, apiBaseUrl: base }).catch(
      (e) => e,
    );
    expect({ name: err.name, code: err.code }).toEqual({ name: "TranscriptError", code: "no_api_key" });
    expect(api.requests).toHaveLength(0);
  });

  it("429 then 200 → one retry, then the transcript", async () => {
    const { api, base } = await start(c);
    api.failNext(429, { retryAfter: "0" });
    const t = await fetchTranscript({
      provider: c.provider,
      jobId: c.jobId,
      apiKey: api.apiKey,
      apiBaseUrl: base,
    });
    expect(t.text).toBe(c.text);
    expect(api.requests).toHaveLength(c.requests + 1);
    expect(api.requests[0]!.path).toBe(api.requests[1]!.path);
  });

  it("a hung API → timeout after the attempts, the key in no error", async () => {
    const { api, base } = await start(c);
    api.hangNext(2);
    const err = await fetchTranscript({
      provider: c.provider,
      jobId: c.jobId,
      apiKey: api.apiKey,
      apiBaseUrl: base,
      timeoutMs: 150,
      attempts: 2,
      retryDelayMs: 1,
    }).catch((e) => e);
    expect({ name: err.name, code: err.code, status: err.status }).toEqual({
      name: "TranscriptError",
      code: "timeout",
      status: undefined,
    });
    expect(api.requests).toHaveLength(2);
    expectNoSecret(err, [api.apiKey]);
  });

  it("captions are valid SRT and WebVTT (the provider's own, or rendered from the segments)", async () => {
    const { api, base } = await start(c);
    for (const format of ["srt", "vtt"] as const) {
      const text = await fetchCaptions({
        provider: c.provider,
        jobId: c.jobId,
        apiKey: api.apiKey,
        apiBaseUrl: base,
        format,
      });
      expectValidCaptions(text, format);
    }
  });

  it("fetchJobStatus reports the job completed, where the provider has a status API", async () => {
    const { api, base } = await start(c);
    const result = await fetchJobStatus({
      provider: c.provider,
      jobId: c.jobId,
      apiKey: api.apiKey,
      apiBaseUrl: base,
    }).catch((e) => e);
    if (c.provider === "elevenlabs") {
      expect(result.code).toBe("unsupported");
      return;
    }
    expect(result.status).toBe("completed");
    expect(result.providerStatus).toMatch(/^(completed|transcribed|done|Succeeded|complete|Complete)$/);
    expect(result.raw).toBeTypeOf("object");
  });
});
