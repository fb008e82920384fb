import { createReceiver, defineProvider, fetchTranscript, type TranscriptionEvent } from "@scribehook/core";
import { type FakeProviderApi, fakeProviderApi, signDelivery } from "@scribehook/testing";
import { afterEach, describe, expect, it } from "vitest";
import { eventFrom } from "./support";

let api: FakeProviderApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const TOKEN = { "x-webhook-token": "aai-token" };

async function assemblyaiEvent(
  jobId = "aai-1",
): Promise<{ api: FakeProviderApi; event: TranscriptionEvent }> {
  api = await fakeProviderApi("assemblyai");
  const receiver = createReceiver({
    providers: { assemblyai: { headers: TOKEN, apiKey: api.apiKey, apiBaseUrl: api.url } },
  });
  const event = await eventFrom(receiver, signDelivery("assemblyai", { jobId, headers: TOKEN }));
  expect(event.type).toBe("transcription.completed");
  return { api, event };
}

describe("event.transcript() on a received event", () => {
  it("fetches once and caches the result: three calls, concurrent ones included, one request", async () => {
    const { api, event } = await assemblyaiEvent();
    const [a, b] = await Promise.all([event.transcript(), event.transcript()]);
    const c = await event.transcript();
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a.text).toBe("Hello there. Thanks for calling.");
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.headers.authorization).toBe(api.apiKey);
  });

  it("does not cache a failure: the next call asks again and succeeds", async () => {
    const { api, event } = await assemblyaiEvent();
    api.failNext(503, { times: 2 });
    const err = await event.transcript({ attempts: 2, retryDelayMs: 1 }).catch((e) => e);
    expect({ code: err.code, status: err.status }).toEqual({ code: "provider_error", status: 503 });
    const t = await event.transcript();
    expect(t.jobId).toBe("aai-1");
    expect(api.requests).toHaveLength(3);
  });

  it("passes the provider's own captions through untouched", async () => {
    const { api, event } = await assemblyaiEvent();
    const srt = await event.captions("srt");
    const vtt = await event.captions("vtt");
    const served = await Promise.all(
      ["srt", "vtt"].map((f) =>
        fetch(`${api.url}/v2/transcript/aai-1/${f}`, { headers: { authorization: api.apiKey } }).then((r) =>
          r.text(),
        ),
      ),
    );
    expect([srt, vtt]).toEqual(served);
    expect(api.requests.map((r) => r.path)).toEqual([
      "/v2/transcript/aai-1/srt",
      "/v2/transcript/aai-1/vtt",
      "/v2/transcript/aai-1/srt",
      "/v2/transcript/aai-1/vtt",
    ]);
  });

  it("stays plain data: structuredClone, JSON.stringify, Object.freeze(payload), no own functions", async () => {
    const { event } = await assemblyaiEvent();
    await event.transcript(); // a cached transcript must not leak into the data either
    expect(Object.keys(event)).toEqual([
      "type",
      "provider",
      "jobId",
      "status",
      "providerStatus",
      "idempotencyKey",
      "receivedAt",
      "source",
      "metadata",
      "payload",
    ]);
    expect(Object.values(event).some((v) => typeof v === "function")).toBe(false);
    const clone = structuredClone(event);
    expect(clone).toEqual({ ...event });
    expect(clone.receivedAt).toBeInstanceOf(Date);
    const json = JSON.parse(JSON.stringify(event));
    expect(json).toEqual({ ...event, receivedAt: event.receivedAt.toISOString() });
    expect(JSON.stringify(event)).not.toContain(api!.apiKey);
    expect(() => Object.freeze(event.payload)).not.toThrow();
    expect(Object.isFrozen(event.payload)).toBe(true);
    expect(typeof event.transcript).toBe("function");
    expect(Object.getOwnPropertyNames(event)).not.toContain("transcript");
  });

  it("without apiKey, an API provider's event rejects with no_api_key and asks nothing", async () => {
    api = await fakeProviderApi("assemblyai");
    const receiver = createReceiver({ providers: { assemblyai: { headers: TOKEN, apiBaseUrl: api.url } } });
    let event: TranscriptionEvent | undefined;
    receiver.onComplete((e) => {
      event = e;
    });
    const d = signDelivery("assemblyai", { jobId: "aai-2", headers: TOKEN });
    await receiver.handle({ method: d.method, url: d.path, headers: d.headers, body: d.body });
    const err = await event!.transcript().catch((e) => e);
    expect({ name: err.name, code: err.code, provider: err.provider, jobId: err.jobId }).toEqual({
      name: "TranscriptError",
      code: "no_api_key",
      provider: "assemblyai",
      jobId: "aai-2",
    });
    expect(api.requests).toHaveLength(0);
  });
});

describe("providers without a result API", () => {
  it("Verbit and Standard Webhooks events, and fetchTranscript for Deepgram, reject with unsupported", async () => {
    const receiver = createReceiver({ providers: { verbit: { insecureNoAuth: true } } });
    let event: TranscriptionEvent | undefined;
    receiver.onComplete((e) => {
      event = e;
    });
    const d = signDelivery("verbit", { jobId: "vb-1" });
    await receiver.handle({ method: d.method, url: d.path, headers: d.headers, body: d.body });
    const verbit = await event!.transcript().catch((e) => e);
    expect({ code: verbit.code, provider: verbit.provider }).toEqual({
      code: "unsupported",
      provider: "verbit",
    });
    const deepgram = await fetchTranscript({ provider: "deepgram", jobId: "req-1", apiKey: "dg-key" }).catch(
      (e) => e,
    );
    expect(deepgram.code).toBe("unsupported");
    expect(deepgram.message).toMatch(/callback/);
    const sw = await fetchTranscript({ provider: "standardwebhooks", jobId: "x", apiKey: "k" }).catch(
      (e) => e,
    );
    expect(sw.code).toBe("unsupported");
  });

  it("a custom provider's event rejects with unsupported", async () => {
    const inhouse = defineProvider({
      id: "inhouse",
      name: "In-house",
      methods: ["POST"],
      normalise: (p: { job: string }) => ({
        jobId: p.job,
        providerStatus: "done",
        status: "completed" as const,
        payload: p,
      }),
    });
    const receiver = createReceiver({
      providers: { inhouse: { insecureNoAuth: true } } as never,
      customProviders: [inhouse],
    });
    let event: TranscriptionEvent | undefined;
    receiver.onComplete((e) => {
      event = e;
    });
    await receiver.handle({
      method: "POST",
      url: "/webhooks/inhouse",
      headers: { "content-type": "application/json" },
      body: '{"job":"j1"}',
    });
    const err = await event!.transcript().catch((e) => e);
    expect({ code: err.code, provider: err.provider, jobId: err.jobId }).toEqual({
      code: "unsupported",
      provider: "inhouse",
      jobId: "j1",
    });
  });
});
