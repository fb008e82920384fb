import { bullmqQueue, transcriptionWorker, UnrecoverableError } from "@scribehook/bullmq";
import { createReceiver, type TranscriptionEvent } from "@scribehook/core";
import { fakeProviderApi, signDelivery } from "@scribehook/testing";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startJsonLinesProcess } from "../../../test/support/json-lines-process";
import { type RedisServer, startRedisServer } from "../../../test/support/redis-server";
import { queueName, startWeb, until } from "./support";

let redis: RedisServer;
const cleanup: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => {});
  await redis?.dispose();
});

const connection = () => ({ host: "127.0.0.1", port: redis.port });
/** A worker in this process, closed after the file. */
function worker(name: string, extra: Partial<Parameters<typeof transcriptionWorker>[0]> = {}) {
  const w = transcriptionWorker({ connection: connection(), name, ...extra });
  cleanup.push(() => w.close());
  return w;
}
/** A web receiver whose jobs retry 3 times, 50 ms apart. */
async function web(name: string) {
  const w = await startWeb(redis.port, { name, attempts: 3, backoff: { type: "fixed", delay: 50 } });
  cleanup.push(w.close);
  return w;
}

describe("transcriptionWorker()", () => {
  it("gives handlers the event as delivered: Dates are Dates, payload and signed metadata intact, source 'callback'", async () => {
    const name = queueName();
    const queue = bullmqQueue({ connection: connection(), name });
    const receiver = createReceiver({
      providers: { gladia: { urlToken: true } },
      urlTokenSecret: "worker-test-url-secret",
      queue,
    });
    cleanup.push(() => receiver.close());
    const callbackUrl = receiver.callbackUrl({
      provider: "gladia",
      baseUrl: "http://127.0.0.1",
      metadata: { userId: "u-9", orderId: "o-1" },
    });
    const d = signDelivery("gladia", { callbackUrl, jobId: "gl-rev", status: "transcription.success" });
    const res = await receiver.fetch(
      new Request(`http://127.0.0.1${d.path}`, { method: d.method, headers: d.headers, body: d.body }),
    );
    expect(res.status).toBe(200);

    const seen: TranscriptionEvent[] = [];
    worker(name).onComplete((e) => void seen.push(e));
    await until(() => seen.length > 0);
    const [event] = seen;
    expect(event!.receivedAt).toBeInstanceOf(Date);
    expect(Date.now() - event!.receivedAt.getTime()).toBeLessThan(60_000);
    expect(event).toMatchObject({
      type: "transcription.completed",
      provider: "gladia",
      jobId: "gl-rev",
      status: "completed",
      source: "callback",
      idempotencyKey: "gladia:gl-rev:completed",
      metadata: { userId: "u-9", orderId: "o-1" },
    });
    expect(event!.payload).toEqual(JSON.parse(d.body));
  });

  it("lets handlers fetch the transcript where the worker has the provider's apiKey", async () => {
    const api = await fakeProviderApi("assemblyai");
    cleanup.push(() => api.close());
    const name = queueName();
    const w = worker(name, { providers: { assemblyai: { apiKey: api.apiKey, apiBaseUrl: api.url } } });
    const texts: string[] = [];
    w.onComplete(async (e) => void texts.push((await e.transcript()).text));
    expect((await (await web(name)).deliver("tr-api-1")).status).toBe(200);
    await until(() => texts.length > 0);
    expect(texts).toEqual([(api.sample("tr-api-1") as { text: string }).text]);
    expect(api.requests.map((r) => r.path)).toContain("/v2/transcript/tr-api-1");
  });

  it("retries a handler that throws twice, then succeeds: 3 attempts, one success, no dead letter", async () => {
    const name = queueName();
    const w = worker(name);
    let runs = 0;
    const done: string[] = [];
    const dead: string[] = [];
    w.onComplete(async (e) => {
      runs++;
      if (runs <= 2) throw new Error(`transient failure ${runs}`);
      done.push(e.jobId);
    });
    w.onDeadLetter((e) => void dead.push(e.jobId));
    expect((await (await web(name)).deliver("flaky-1")).status).toBe(200);
    await until(() => done.length > 0);
    expect({ runs, done, dead }).toEqual({ runs: 3, done: ["flaky-1"], dead: [] });
  });

  it("dead-letters a job whose handler always throws, after `attempts`, and keeps it in BullMQ's failed set", async () => {
    const name = queueName();
    const w = worker(name);
    let runs = 0;
    const dead: { jobId: string; message: string }[] = [];
    w.onFailed(() => {
      runs++;
      throw new Error("the database is down");
    });
    w.onDeadLetter((e, error) => void dead.push({ jobId: e.jobId, message: error.message }));
    const site = await web(name);
    expect((await site.deliver("broken-1", "error")).status).toBe(200);
    await until(() => dead.length > 0);
    expect(runs).toBe(3);
    expect(dead).toEqual([{ jobId: "broken-1", message: "the database is down" }]);
    const [failed] = await site.queue.queue.getJobs(["failed"]);
    expect(failed?.data.jobId).toBe("broken-1");
    expect(failed?.attemptsMade).toBe(3);
  });

  it("stops at once on UnrecoverableError: one attempt, then the dead letter", async () => {
    const name = queueName();
    const w = worker(name);
    let runs = 0;
    const dead: string[] = [];
    w.onAny(() => {
      runs++;
      throw new UnrecoverableError("this transcript can never be stored");
    });
    w.onDeadLetter((_e, error) => void dead.push(error.message));
    expect((await (await web(name)).deliver("fatal-1")).status).toBe(200);
    await until(() => dead.length > 0);
    // Give BullMQ the time a retry would have taken (50 ms backoff) to prove there is none.
    await new Promise((r) => setTimeout(r, 300));
    expect({ runs, dead }).toEqual({ runs: 1, dead: ["this transcript can never be stored"] });
  });

  it("loses nothing when a worker is SIGKILLed mid-job: the job completes on a second worker", async () => {
    const name = queueName();
    const env = {
      REDIS_PORT: String(redis.port),
      QUEUE_NAME: name,
      HANDLER_DELAY_MS: "60000",
      LOCK_DURATION_MS: "1000",
      STALLED_INTERVAL_MS: "500",
    };
    const first = await startJsonLinesProcess("test/support/bullmq-worker-process.ts", env);
    cleanup.push(() => first.kill());
    expect((await (await web(name)).deliver("killed-1")).status).toBe(200);
    await first.waitFor((l) => l.event === "started" && l.jobId === "killed-1");
    await first.kill("SIGKILL");

    const second = await startJsonLinesProcess("test/support/bullmq-worker-process.ts", {
      ...env,
      HANDLER_DELAY_MS: "0",
    });
    cleanup.push(() => second.kill());
    const handled = await second.waitFor((l) => l.event === "handled");
    expect(handled).toMatchObject({ jobId: "killed-1", source: "callback" });
    expect(first.all("handled")).toEqual([]);
  }, 60_000);

  it("dead-letters a job that stalled more than maxStalledCount times (its worker killed mid-job)", async () => {
    const name = queueName();
    const env = {
      REDIS_PORT: String(redis.port),
      QUEUE_NAME: name,
      HANDLER_DELAY_MS: "60000",
      LOCK_DURATION_MS: "1000",
      STALLED_INTERVAL_MS: "500",
      MAX_STALLED_COUNT: "0",
    };
    const first = await startJsonLinesProcess("test/support/bullmq-worker-process.ts", env);
    cleanup.push(() => first.kill());
    expect((await (await web(name)).deliver("stalled-1")).status).toBe(200);
    await first.waitFor((l) => l.event === "started" && l.jobId === "stalled-1");
    await first.kill("SIGKILL");

    const second = await startJsonLinesProcess("test/support/bullmq-worker-process.ts", env);
    cleanup.push(() => second.kill());
    const dead = await second.waitFor((l) => l.event === "dead-letter");
    expect(dead).toMatchObject({ jobId: "stalled-1", message: expect.stringMatching(/stalled/) });
    expect(second.all("started")).toEqual([]);
  }, 60_000);

  it("warns once at start-up when Redis may evict keys", async () => {
    const admin = new Redis(redis.port, "127.0.0.1");
    cleanup.push(async () => admin.disconnect());
    await admin.config("SET", "maxmemory-policy", "allkeys-lru");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const name = queueName();
      const q = bullmqQueue({ connection: connection(), name });
      cleanup.push(() => q.close());
      const w = worker(name);
      await q.queue.waitUntilReady();
      await w.worker.waitUntilReady();
      const ours = () => warn.mock.calls.filter(([m]) => String(m).startsWith("@scribehook/bullmq"));
      await until(() => ours().length > 0);
      await new Promise((r) => setTimeout(r, 200));
      expect(ours()).toHaveLength(1);
      expect(String(ours()[0]![0])).toMatch(/allkeys-lru.*noeviction/);
    } finally {
      warn.mockRestore();
      await admin.config("SET", "maxmemory-policy", "noeviction");
    }
  });
});
