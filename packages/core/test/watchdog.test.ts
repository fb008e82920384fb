import { fakeProviderApi } from "@scribehook/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemblyaiJobStatus, startFakeStatusApi } from "../../../test/support/fake-status-api";
import {
  createReceiver,
  type OverdueEvent,
  type ProvidersOptions,
  type TranscriptionEvent,
} from "../src/index";

const TOKEN = "watchdog-token-7f2";
const API_KEY = "watchdog-api-key-19c";
let api: Awaited<ReturnType<typeof startFakeStatusApi>>;
let vendorApi: Awaited<ReturnType<typeof fakeProviderApi>>;
beforeAll(async () => {
  [api, vendorApi] = await Promise.all([startFakeStatusApi(API_KEY), fakeProviderApi("assemblyai")]);
});
afterAll(() => Promise.all([api?.close(), vendorApi?.close()]));

/**
 * A receiver for AssemblyAI. `poll`: "none" (no apiKey: no poll), "seam" (a status function of our
 * own against a fake that can say "processing"), "default" (fetchJobStatus against fakeProviderApi).
 */
function setup(poll: "none" | "seam" | "default" = "none") {
  const headers = { "x-webhook-token": TOKEN };
  const providers: ProvidersOptions = {
    assemblyai:
      poll === "none"
        ? { headers }
        : poll === "seam"
          ? { headers, apiKey: API_KEY, apiBaseUrl: api.url }
          : { headers, apiKey: vendorApi.apiKey, apiBaseUrl: vendorApi.url },
  };
  const receiver = createReceiver({
    providers,
    ...(poll === "seam" ? { jobStatus: assemblyaiJobStatus } : {}),
  });
  const overdue: OverdueEvent[] = [];
  const events: TranscriptionEvent[] = [];
  receiver.onOverdue((e) => void overdue.push(e));
  receiver.onAny((e) => void events.push(e));
  const deliver = (jobId: string, status = "completed") =>
    receiver.fetch(
      new Request("http://127.0.0.1/webhooks/assemblyai", {
        method: "POST",
        headers: { "x-webhook-token": TOKEN, "content-type": "application/json" },
        body: JSON.stringify({ transcript_id: jobId, status }),
      }),
    );
  return { receiver, overdue, events, deliver };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (check: () => boolean) => {
  while (!check()) await sleep(20);
};

describe("the watchdog of a receiver without a queue", () => {
  it("emits transcription.overdue when no callback comes in time, with the deadline and when expect() was called", async () => {
    const { receiver, overdue } = setup();
    const other: OverdueEvent[] = [];
    receiver.on("transcription.overdue", (e) => void other.push(e));
    const before = Date.now();
    await receiver.expect({ provider: "assemblyai", jobId: "late-1", within: "300ms" });
    await until(() => overdue.length > 0);
    const [e] = overdue;
    expect(e).toMatchObject({ type: "transcription.overdue", provider: "assemblyai", jobId: "late-1" });
    expect(e!.expectedAt).toBeInstanceOf(Date);
    expect(e!.expectedBy.getTime() - e!.expectedAt.getTime()).toBe(300);
    expect(e!.expectedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(other).toEqual([e]);
  });

  it("emits nothing when the callback comes in time (an update does not count, a completion does)", async () => {
    const { receiver, overdue, deliver } = setup();
    await receiver.expect({ provider: "assemblyai", jobId: "ontime-1", within: "400ms" });
    await receiver.expect({ provider: "assemblyai", jobId: "ontime-2", within: "400ms" });
    expect((await deliver("ontime-1")).status).toBe(200);
    expect((await deliver("ontime-2", "processing")).status).toBe(200);
    await sleep(700);
    expect(overdue.map((e) => e.jobId)).toEqual(["ontime-2"]);
  });

  it("asks the provider's status API first (fetchJobStatus by default): a completed job becomes a completed event with source 'poll' whose transcript() works, and the late callback is a duplicate", async () => {
    const { receiver, overdue, events, deliver } = setup("default");
    await receiver.expect({ provider: "assemblyai", jobId: "polled-0", within: "200ms" });
    await until(() => events.length > 0);
    expect(events[0]).toMatchObject({ type: "transcription.completed", jobId: "polled-0", source: "poll" });
    const transcript = await events[0]!.transcript();
    expect(transcript.text).toBe((vendorApi.sample("polled-0") as { text: string }).text);
    expect(vendorApi.requests.map((r) => r.path)).toContain("/v2/transcript/polled-0");
    expect(await (await deliver("polled-0")).json()).toEqual({ ok: true, duplicate: true });
    expect(events).toHaveLength(1);
    expect(overdue).toEqual([]);
  });

  it("takes a status function of your own (jobStatus): completed → a 'poll' event, the late callback a duplicate", async () => {
    const { receiver, overdue, events, deliver } = setup("seam");
    api.jobs.set("polled-1", "completed");
    await receiver.expect({ provider: "assemblyai", jobId: "polled-1", within: "200ms" });
    await until(() => events.length > 0);
    expect(events[0]).toMatchObject({
      type: "transcription.completed",
      provider: "assemblyai",
      jobId: "polled-1",
      status: "completed",
      providerStatus: "completed",
      source: "poll",
      idempotencyKey: "assemblyai:polled-1:completed",
    });
    expect(api.requests).toContain("/v2/transcript/polled-1");
    const late = await deliver("polled-1");
    expect(await late.json()).toEqual({ ok: true, duplicate: true });
    expect(events).toHaveLength(1);
    expect(overdue).toEqual([]);
  });

  it("reports the job overdue when the status API says it is still running", async () => {
    const { receiver, overdue, events } = setup("seam");
    api.jobs.set("running-1", "processing");
    await receiver.expect({ provider: "assemblyai", jobId: "running-1", within: "200ms" });
    await until(() => overdue.length > 0);
    expect(overdue[0]).toMatchObject({ jobId: "running-1" });
    expect(events).toEqual([]);
  });

  it("refuses an expectation for a provider that is not configured, or without a job id or duration", async () => {
    const { receiver } = setup();
    await expect(receiver.expect({ provider: "gladia", jobId: "x", within: "1h" })).rejects.toThrow(
      /not configured/,
    );
    await expect(receiver.expect({ provider: "assemblyai", jobId: "", within: "1h" })).rejects.toThrow(
      /jobId/,
    );
    await expect(receiver.expect({ provider: "assemblyai", jobId: "x", within: "soon" })).rejects.toThrow(
      /within/,
    );
    await receiver.close();
  });
});
