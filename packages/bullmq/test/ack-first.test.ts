import { createHash } from "node:crypto";
import { transcriptionWorker } from "@scribehook/bullmq";
import { queueJobId } from "@scribehook/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("a receiver with bullmqQueue()", () => {
  it("answers all 200 concurrent copies of 100 jobs before any handler runs, as 100 BullMQ jobs that workers then handle once each", async () => {
    const name = queueName();
    const web = await startWeb(redis.port, { name });
    cleanup.push(web.close);
    const ids = Array.from({ length: 100 }, (_, i) => `job-${i}`);
    // Each job delivered twice, at once: 200 requests in flight together, no worker running yet.
    const responses = await Promise.all([...ids, ...ids].map((id) => web.deliver(id)));
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(200));
    for (const r of responses) expect(r.body.ok).toBe(true);
    const counts = await web.queue.queue.getJobCounts("waiting", "active", "completed");
    expect(counts).toEqual({ waiting: 100, active: 0, completed: 0 });

    // Now the workers: each handler takes 500 ms; every job is handled exactly once.
    const env = {
      REDIS_PORT: String(redis.port),
      QUEUE_NAME: name,
      HANDLER_DELAY_MS: "500",
      CONCURRENCY: "50",
    };
    const workers = await Promise.all([
      startJsonLinesProcess("test/support/bullmq-worker-process.ts", env),
      startJsonLinesProcess("test/support/bullmq-worker-process.ts", env),
    ]);
    for (const w of workers) cleanup.push(() => w.kill());
    const handled = () => workers.flatMap((w) => w.all("handled"));
    await until(() => handled().length >= 100);
    expect(
      handled()
        .map((l) => l.jobId)
        .sort(),
    ).toEqual([...ids].sort());
    expect(handled().every((l) => l.source === "callback" && l.receivedAtIsDate)).toBe(true);
  }, 60_000);

  it("names each BullMQ job by the SHA-256 of the idempotency key (no ':'), and answers a later retry 'duplicate' from the dedupe store without touching the queue", async () => {
    const name = queueName();
    const web = await startWeb(redis.port, { name }, { enqueueTimeout: "1s" });
    cleanup.push(web.close);
    expect(await web.deliver("dup-1")).toMatchObject({ status: 200, body: { ok: true } });
    const expectedId = createHash("sha256").update("assemblyai:dup-1:completed").digest("hex");
    expect(await queueJobId("assemblyai:dup-1:completed")).toBe(expectedId);
    const [job] = await web.queue.queue.getJobs(["waiting"]);
    expect(job?.id).toBe(expectedId);
    expect(job?.id).not.toContain(":");

    // With Redis gone, only an answer that never touches the queue can still be 200.
    await redis.stop();
    try {
      expect(await web.deliver("dup-1")).toMatchObject({ status: 200, body: { ok: true, duplicate: true } });
      expect(await web.deliver("dup-2")).toMatchObject({
        status: 503,
        body: { error: { code: "queue_unavailable" } },
      });
    } finally {
      await redis.start();
    }
  });

  it("answers 503 queue_unavailable within enqueueTimeout while Redis is down, acknowledges nothing, and queues the provider's retry once Redis is back", async () => {
    const name = queueName();
    const web = await startWeb(redis.port, { name }, { enqueueTimeout: "1s" });
    cleanup.push(web.close);
    await web.queue.queue.waitUntilReady();
    await redis.stop();
    const started = Date.now();
    let refused: Awaited<ReturnType<typeof web.deliver>>;
    try {
      refused = await web.deliver("down-1");
    } finally {
      await redis.start();
    }
    // Not a speed check: without the timeout BullMQ waits for a reconnect that never comes.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(refused).toMatchObject({ status: 503, body: { error: { code: "queue_unavailable" } } });
    expect(refused.retryAfter).toBeGreaterThan(0);

    // The provider retries until it is acknowledged; the retry is queued and handled.
    let retried = await web.deliver("down-1");
    while (retried.status !== 200) retried = await web.deliver("down-1");
    expect(retried.body).toEqual({ ok: true });
    const worker = transcriptionWorker({ connection: { host: "127.0.0.1", port: redis.port }, name });
    cleanup.push(() => worker.close());
    const seen: string[] = [];
    worker.onComplete((e) => void seen.push(e.jobId));
    await until(() => seen.length > 0);
    expect(seen).toEqual(["down-1"]);
  });

  it("answers 503 when started while Redis is down, and 200 once Redis is up", async () => {
    await redis.stop();
    const name = queueName();
    let web: Awaited<ReturnType<typeof startWeb>>;
    try {
      web = await startWeb(redis.port, { name }, { enqueueTimeout: "500ms" });
      cleanup.push(web.close);
      expect(await web.deliver("cold-1")).toMatchObject({
        status: 503,
        body: { error: { code: "queue_unavailable" } },
      });
    } finally {
      await redis.start();
    }
    let res = await web.deliver("cold-1");
    while (res.status === 503) res = await web.deliver("cold-1");
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
    expect(await web.queue.queue.getJobCounts("waiting")).toEqual({ waiting: 1 });
  });

  it("refuses handlers in the web process: on*() throw a TypeError saying handlers run in workers", async () => {
    const web = await startWeb(redis.port, { name: queueName() });
    cleanup.push(web.close);
    const h = web.hooks;
    for (const add of [
      () => h.onComplete(() => {}),
      () => h.onFailed(() => {}),
      () => h.onAny(() => {}),
      () => h.onOverdue(() => {}),
      () => h.on("transcription.completed", () => {}),
      () => h.on("transcription.overdue", () => {}),
    ]) {
      expect(add).toThrow(TypeError);
      expect(add).toThrow(/handlers run in workers/);
    }
    expect(() => h.onRejected(() => {})).not.toThrow();
  });
});
