import { createReceiver } from "@scribehook/core";
import { type FakeProviderApi, fakeProviderApi, signDelivery } from "@scribehook/testing";
import { afterEach, describe, expect, it } from "vitest";
import { eventFrom, expectValidCaptions } from "./support";

// Providers whose callback carries the result: transcript() maps the body with no request and no key.
// The fake API is configured as apiBaseUrl (with its key) only to prove that nothing is asked of it.

let api: FakeProviderApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function setup(provider: string, config: Record<string, unknown>, withKey: boolean) {
  api = await fakeProviderApi(provider);
  const receiver = createReceiver({
    providers: { [provider]: { ...config, ...(withKey ? { apiKey: api.apiKey } : {}), apiBaseUrl: api.url } },
  });
  return { api, receiver };
}

const SPEAKERS = (t: { segments: { speaker?: string }[] }) => t.segments.map((s) => s.speaker);

describe("inline results: no request, no key", () => {
  it("Deepgram: words (punctuated), utterances, detected language, metadata.duration", async () => {
    const { api, receiver } = await setup("deepgram", { headers: { "dg-token": "key-id" } }, false);
    const d = signDelivery("deepgram", {
      jobId: "req-1",
      headers: { "dg-token": "key-id" },
      payload: api.sample("req-1") as Record<string, unknown>,
    });
    const event = await eventFrom(receiver, d);
    const t = await event.transcript();
    expect({ text: t.text, language: t.language, duration: t.durationInSeconds }).toEqual({
      text: "Hello there. Thanks for calling.",
      language: "en",
      duration: 4,
    });
    expect(t.words?.map((w) => w.text)).toEqual(["Hello", "there.", "Thanks", "for", "calling."]);
    expect(t.words?.[1]).toEqual({
      text: "there.",
      startSecond: 0.68,
      endSecond: 1.1,
      confidence: 0.97,
      speaker: "0",
    });
    expect(t.segments).toEqual([
      { text: "Hello there.", startSecond: 0.24, endSecond: 1.1, speaker: "0" },
      { text: "Thanks for calling.", startSecond: 1.5, endSecond: 2.56, speaker: "1" },
    ]);
    expect(t.raw).toBe(event.payload);
    expectValidCaptions(await event.captions("srt"), "srt");
    expect(api.requests).toHaveLength(0);
  });

  it("Gladia: the success callback's payload, and Gladia's own SRT passed through untouched", async () => {
    const { api, receiver } = await setup("gladia", { insecureNoAuth: true }, false);
    const result = (api.sample("gl-1") as { result: object }).result;
    const event = await eventFrom(
      receiver,
      signDelivery("gladia", { jobId: "gl-1", payload: { payload: result } }),
    );
    const t = await event.transcript();
    expect({
      text: t.text,
      language: t.language,
      duration: t.durationInSeconds,
      speakers: SPEAKERS(t),
    }).toEqual({
      text: "Hello there. Thanks for calling.",
      language: "en",
      duration: 4,
      speakers: ["0", "1"],
    });
    expect(t.segments[0]).toEqual({ text: "Hello there.", startSecond: 0.24, endSecond: 1.1, speaker: "0" });
    const srt = await event.captions("srt");
    expect(srt).toBe((result as any).transcription.subtitles[0].subtitles);
    expectValidCaptions(await event.captions("vtt"), "vtt");
    expect(api.requests).toHaveLength(0);
  });

  it("ElevenLabs: data.transcription (spacing items left out)", async () => {
    const secret = "whsec-elevenlabs-test";
    const { api, receiver } = await setup("elevenlabs", { secret }, false);
    const transcription = api.sample("el-1");
    const signed = signDelivery("elevenlabs", {
      jobId: "el-1",
      secret,
      payload: { data: { request_id: "el-1", transcription } },
    });
    const t = await (await eventFrom(receiver, signed)).transcript();
    expect({ words: t.words?.length, language: t.language, speakers: SPEAKERS(t) }).toEqual({
      words: 5,
      language: "eng",
      speakers: ["speaker_0", "speaker_1"],
    });
    expect(api.requests).toHaveLength(0);
  });

  it("Speechmatics with contents: the json-v2 body (punctuation attached)", async () => {
    const { api, receiver } = await setup("speechmatics", { headers: { authorization: "Bearer t" } }, false);
    const d = signDelivery("speechmatics", {
      jobId: "sm-1",
      headers: { authorization: "Bearer t" },
      payload: api.sample("sm-1") as Record<string, unknown>,
    });
    const t = await (await eventFrom(receiver, d)).transcript();
    expect(t.words?.map((w) => w.text)).toEqual(["Hello", "there.", "Thanks", "for", "calling."]);
    expect({ language: t.language, duration: t.durationInSeconds, speakers: SPEAKERS(t) }).toEqual({
      language: "en",
      duration: 4,
      speakers: ["S1", "S2"],
    });
    expect(api.requests).toHaveLength(0);
  });

  it("Speechmatics multipart: the data_file attachment, and an .srt attachment passed through", async () => {
    const { api, receiver } = await setup("speechmatics", { headers: { authorization: "Bearer t" } }, false);
    const boundary = "----scribehook-test";
    const srt = "1\n00:00:00,240 --> 00:00:01,100\nHello there.\n";
    const part = (name: string, filename: string, type: string, body: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n${body}\r\n`;
    const body = `${part("data_file", "sm-2.json", "application/json", JSON.stringify(api.sample("sm-2")))}${part(
      "transcript.srt",
      "sm-2.srt",
      "application/x-subrip",
      srt,
    )}--${boundary}--\r\n`;
    const event = await eventFrom(receiver, {
      method: "POST",
      url: "/webhooks/speechmatics?id=sm-2&status=success",
      path: "/webhooks/speechmatics?id=sm-2&status=success",
      headers: { authorization: "Bearer t", "content-type": `multipart/form-data; boundary=${boundary}` },
      body,
    });
    const t = await event.transcript();
    expect(t.text).toBe("Hello there. Thanks for calling.");
    expect(await event.captions("srt")).toBe(srt);
    expect(api.requests).toHaveLength(0);
  });

  it("IBM recognitions.completed_with_results: the results in the callback", async () => {
    const { api, receiver } = await setup("ibm", { insecureNoAuth: true }, false);
    const results = (api.sample("ibm-1") as { results: unknown[] }).results;
    const d = signDelivery("ibm", {
      jobId: "ibm-1",
      status: "recognitions.completed_with_results",
      payload: { results },
    });
    const t = await (await eventFrom(receiver, d)).transcript();
    expect(t.segments).toEqual([
      { text: "hello there", startSecond: 0.24, endSecond: 1.1, speaker: "0" },
      { text: "thanks for calling", startSecond: 1.5, endSecond: 2.56, speaker: "1" },
    ]);
    expect(t.words?.[0]).toEqual({
      text: "hello",
      startSecond: 0.24,
      endSecond: 0.64,
      confidence: 0.98,
      speaker: "0",
    });
    expect(api.requests).toHaveLength(0);
  });

  it("a callback without the result falls back to the API (Gladia), with the key", async () => {
    const { api, receiver } = await setup("gladia", { insecureNoAuth: true }, true);
    const event = await eventFrom(
      receiver,
      signDelivery("gladia", { jobId: "gl-2", payload: { payload: undefined } }),
    );
    const t = await event.transcript();
    expect(t.text).toBe("Hello there. Thanks for calling.");
    expect(api.requests.map((r) => r.path)).toEqual(["/v2/pre-recorded/gl-2"]);
  });
});
