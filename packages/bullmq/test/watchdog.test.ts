import { transcriptionWorker } from "@scribehook/bullmq";
import type { OverdueEvent, TranscriptionEvent } from "@scribehook/core";
import { fakeProviderApi } from "@scribehook/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startJsonLinesProcess } from "../../../test/support/json-lines-process";
import { type RedisServer, startRedisServer } from "../../../test/support/redis-server";
import { queueName, startWeb, TOKEN, until } from "./support";

let redis: RedisServer;
let api: Awaited<ReturnType<typeof fakeProviderApi>>;
const cleanup: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  [redis, api] = await Promise.all([startRedisServer(), fakeProviderApi("assemblyai")]);
});
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => {});
  await Promise.all([redis?.dispose(), api?.close()]);
});

/** A web receiver and an in-process worker on a fresh queue, recording what the worker gets. */
async function setup(poll = false) {
  const name = queueName();
  const web = await startWeb(redis.port, { name });
  cleanup.push(web.close);
  const worker = transcriptionWorker({
    connection: { host: "127.0.0.1", port: redis.port },
    name,
    // With an apiKey, the poll step asks the (fake) AssemblyAI API through fetchJobStatus, the default.
    ...(poll ? { providers: { assemblyai: { apiKey: api.apiKey, apiBaseUrl: api.url } } } : {}),
  });
  cleanup.push(() => worker.close());
  const overdue: OverdueEvent[] = [];
  const events: TranscriptionEvent[] = [];
  worker.onOverdue((e) => void overdue.push(e));
  worker.onAny((e) => void events.push(e));
  /** True once no watchdog job is left waiting, delayed or running. */
  const settled = async () => {
    const c = await web.queue.queue.getJobCounts("delayed", "waiting", "active");
    return (c.delayed ?? 0) + (c.waiting ?? 0) + (c.active ?? 0) === 0;
  };
  return { web, worker, overdue, events, settled };
}

describe("the watchdog with bullmqQueue()", () => {
  it("emits transcription.overdue on a worker when no callback comes in time", async () => {
    const { web, overdue } = await setup();
    await web.hooks.expect({ provider: "assemblyai", jobId: "q-late-1", within: "500ms" });
    const delayed = await web.queue.queue.getJobs(["delayed"]);
    expect(delayed.map((j) => j.name)).toEqual(["overdue"]);
    await until(() => overdue.length > 0);
    expect(overdue[0]).toMatchObject({
      type: "transcription.overdue",
      provider: "assemblyai",
      jobId: "q-late-1",
    });
    expect(overdue[0]!.expectedBy).toBeInstanceOf(Date);
    expect(overdue[0]!.expectedBy.getTime() - overdue[0]!.expectedAt.getTime()).toBe(500);
  });

  it("emits nothing when the callback comes in time: the overdue job finds it arrived", async () => {
    const { web, overdue, events, settled } = await setup();
    await web.hooks.expect({ provider: "assemblyai", jobId: "q-ontime-1", within: "500ms" });
    expect((await web.deliver("q-ontime-1")).status).toBe(200);
    await until(() => events.length > 0);
    await until(settled); // the overdue job has fired and finished
    expect(overdue).toEqual([]);
  });

  it("asks the provider's status API first: a completed job reaches the worker as a completed event with source 'poll', and the late callback is a duplicate", async () => {
    const { web, overdue, events, settled } = await setup(true);
    await web.hooks.expect({ provider: "assemblyai", jobId: "q-polled-1", within: "300ms" });
    await until(() => events.length > 0);
    expect(events[0]).toMatchObject({
      type: "transcription.completed",
      jobId: "q-polled-1",
      source: "poll",
      idempotencyKey: "assemblyai:q-polled-1:completed",
    });
    expect(events[0]!.receivedAt).toBeInstanceOf(Date);
    expect(api.requests.map((r) => r.path)).toContain("/v2/transcript/q-polled-1");
    expect(await web.deliver("q-polled-1")).toMatchObject({
      status: 200,
      body: { ok: true, duplicate: true },
    });
    await until(settled);
    expect(events).toHaveLength(1);
    expect(overdue).toEqual([]);
  });

  it("still fires when the web process is gone and the worker restarted between expect() and the deadline", async () => {
    const name = queueName();
    const env = { REDIS_PORT: String(redis.port), QUEUE_NAME: name, APP_TOKEN: TOKEN };
    const [web, first] = await Promise.all([
      startJsonLinesProcess("test/support/bullmq-web-process.ts", env),
      startJsonLinesProcess("test/support/bullmq-worker-process.ts", env),
    ]);
    cleanup.push(
      () => web.kill(),
      () => first.kill(),
    );
    const port = (await web.waitFor((l) => l.event === "ready")).port;
    const res = await fetch(`http://127.0.0.1:${port}/expect?jobId=gone-1&within=3s`, { method: "POST" });
    expect(res.status).toBe(200);
    await Promise.all([web.kill("SIGKILL"), first.kill("SIGKILL")]);

    const second = await startJsonLinesProcess("test/support/bullmq-worker-process.ts", env);
    cleanup.push(() => second.kill());
    const fired = await second.waitFor((l) => l.event === "overdue");
    expect(fired).toMatchObject({ provider: "assemblyai", jobId: "gone-1", datesAreDates: true });
    expect(first.all("overdue")).toEqual([]);
  }, 60_000);
});
