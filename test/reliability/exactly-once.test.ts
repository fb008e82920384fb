/**
 * At-least-once in, exactly-once out, across real processes: two Express apps with scribehook and
 * redisStore() on one real redis-server, under a duplicate storm, a handler crash, a process killed
 * mid-handler, and Redis stopping and coming back.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { transcriptionWebhook } from "@scribehook/express";
import { redisStore } from "@scribehook/redis";
import express from "express";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, startAppProcess } from "../support/app-process";
import { assemblyaiDelivery, type Delivery, send } from "../support/assemblyai-delivery";
import { type RedisServer, startRedisServer } from "../support/redis-server";

const TOKEN = "reliability-token";
let redis: RedisServer;
const apps: AppProcess[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.kill("SIGKILL")));
  await redis?.dispose();
});

async function app(options: Partial<Parameters<typeof startAppProcess>[0]> = {}): Promise<AppProcess> {
  const a = await startAppProcess({ token: TOKEN, redisPort: redis.port, prefix: "rel:", ...options });
  apps.push(a);
  await a.waitFor((e) => e.event === "redis-ready");
  return a;
}

const seconds = (n: number) => new Promise((r) => setTimeout(r, n * 1000));

/**
 * What a provider does with a 5xx: wait (Retry-After when given) and deliver again, to whichever
 * instance the load balancer picks, until it gets a 2xx or gives up.
 */
async function retryLikeAProvider(
  targets: string[],
  d: Delivery,
  refused: { retryAfter?: number },
  first: number,
  attempts = 6,
) {
  const statuses: number[] = [];
  let wait = refused.retryAfter ?? 1;
  for (let i = 0; i < attempts; i++) {
    await seconds(wait);
    const res = await send(targets[(first + i) % targets.length]!, d);
    statuses.push(res.status);
    if (res.status < 500) return { statuses, last: res };
    wait = res.retryAfter ?? 1;
  }
  return { statuses, last: undefined };
}

/** The next `redis-ready` the app reports from now on (ioredis reconnected). */
const nextReady = (a: AppProcess) => {
  const seen = a.events.length;
  return a.waitFor((e) => e.event === "redis-ready" && a.events.indexOf(e) >= seen);
};

describe("duplicate storm over two processes sharing one Redis", () => {
  it("200 concurrent deliveries of one event: one handler run; 200s and 503s only; after retries, all 200", async () => {
    // The handler takes a while, so the storm meets the claim while it is held.
    const [a, b] = await Promise.all([
      app({ handlerDelayMs: 300, claimTtl: "2s" }),
      app({ handlerDelayMs: 300, claimTtl: "2s" }),
    ]);
    const jobId = `storm-${randomUUID()}`;
    const d = assemblyaiDelivery(TOKEN, jobId);
    const targets = [a.url, b.url];

    const first = await Promise.all(Array.from({ length: 200 }, (_, i) => send(targets[i % 2]!, d)));
    const statuses = new Set(first.map((r) => r.status));
    expect([...statuses].every((s) => s === 200 || s === 503)).toBe(true);
    // Exactly one delivery was processed; every other 200 says it was a duplicate.
    expect(first.filter((r) => r.status === 200 && r.body.duplicate !== true)).toHaveLength(1);
    for (const r of first.filter((r) => r.status === 503)) {
      expect(r.body.error.code).toBe("in_progress");
      expect(r.retryAfter).toBeGreaterThan(0);
    }
    expect(first.some((r) => r.status === 503)).toBe(true); // the storm did meet the held claim

    const retried = await Promise.all(
      first.map((r, i) => (r.status === 503 ? retryLikeAProvider(targets, d, r, i + 1) : undefined)),
    );
    for (const r of retried) {
      if (r) expect(r.last?.status).toBe(200);
      if (r) expect(r.last?.body).toEqual({ ok: true, duplicate: true });
    }
    expect(a.handled(jobId) + b.handled(jobId)).toBe(1);
    expect(a.events.filter((e) => e.event === "handler-started" && e.jobId === jobId).length).toBe(
      a.handled(jobId),
    );
  });
});

describe("crash and retry", () => {
  it("a handler that throws on the first attempt gets 500; the provider's retry is processed once", async () => {
    const client = new Redis(redis.port, "127.0.0.1", { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    client.on("error", () => {});
    await new Promise((r) => client.once("ready", r));
    const hooks = transcriptionWebhook({
      providers: { assemblyai: { headers: { "x-webhook-token": TOKEN } } },
      store: redisStore(client, { prefix: `crash:${randomUUID()}:` }),
    });
    let attempts = 0;
    let processed = 0;
    hooks.onComplete(async () => {
      attempts++;
      if (attempts === 1) throw new Error("database down");
      processed++;
    });
    const server = createServer(express().use(hooks)).listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const d = assemblyaiDelivery(TOKEN, `throw-${randomUUID()}`);
      const failed = await send(url, d);
      expect(failed.status).toBe(500);
      expect(failed.body.error.code).toBe("handler_failed");
      const retry = await send(url, d);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual({ ok: true });
      const again = await send(url, d);
      expect(again.body).toEqual({ ok: true, duplicate: true });
      expect(attempts).toBe(2);
      expect(processed).toBe(1);
    } finally {
      server.close();
      client.disconnect();
    }
  });

  it("a process killed mid-handler: its claim blocks retries until claimTtl, then the retry is processed", async () => {
    const [doomed, survivor] = await Promise.all([
      // 2 s leaves the dead process's claim comfortably live for the first retry, even on a slow host.
      app({ handlerHang: true, claimTtl: "2s" }),
      app({ claimTtl: "2s" }),
    ]);
    const jobId = `killed-${randomUUID()}`;
    const d = assemblyaiDelivery(TOKEN, jobId);
    const inFlight = send(doomed.url, d).catch((err: Error) => err);
    await doomed.waitFor((e) => e.event === "handler-started" && e.jobId === jobId);
    await doomed.kill("SIGKILL");
    expect(await inFlight).toBeInstanceOf(Error); // the provider saw the connection die: it retries

    // Straight away the dead process's claim is still live: the retry is told to come back later.
    const early = await send(survivor.url, d);
    expect(early.status).toBe(503);
    expect(early.body.error.code).toBe("in_progress");
    expect(survivor.handled(jobId)).toBe(0);

    const retried = await retryLikeAProvider([survivor.url], d, early, 0);
    expect(retried.last?.status).toBe(200);
    expect(retried.last?.body).toEqual({ ok: true });
    expect(survivor.handled(jobId)).toBe(1);
    expect(doomed.handled(jobId)).toBe(0);
  });
});

describe("Redis stopped mid-run", () => {
  it("answers 503 while Redis is down, never 200 without a handler run; deliveries flow once it is back", async () => {
    const [a, b] = await Promise.all([app(), app()]);
    const targets = [a.url, b.url];
    const handledEverywhere = (jobId: string) => a.handled(jobId) + b.handled(jobId);
    const results: { jobId: string; d: Delivery; status: number; body: any }[] = [];
    const fire = async (i: number) => {
      const jobId = `down-${i}-${randomUUID()}`;
      const d = assemblyaiDelivery(TOKEN, jobId);
      const r = await send(targets[i % 2]!, d);
      results.push({ jobId, d, status: r.status, body: r.body });
    };

    // A stream of deliveries, with Redis stopped while it runs.
    const before = Array.from({ length: 20 }, (_, i) => fire(i));
    await Promise.all(before);
    const during = Array.from({ length: 20 }, (_, i) => fire(20 + i));
    await redis.stop();
    await Promise.all(during);
    await Promise.all(Array.from({ length: 20 }, (_, i) => fire(40 + i)));

    for (const r of results) {
      expect([200, 503]).toContain(r.status);
      // A 200 is only ever given for a delivery whose handler ran.
      if (r.status === 200) expect(handledEverywhere(r.jobId)).toBe(1);
      else {
        expect(r.body.error.code).toBe("store_unavailable");
        expect(handledEverywhere(r.jobId)).toBe(0);
      }
    }
    expect(results.slice(0, 20).every((r) => r.status === 200)).toBe(true);
    expect(results.slice(40).every((r) => r.status === 503)).toBe(true);

    // Redis back: both processes reconnect (ioredis), and the refused deliveries are processed.
    const reconnected = Promise.all([nextReady(a), nextReady(b)]);
    await redis.start();
    await reconnected;
    const refused = results.filter((r) => r.status === 503);
    const retries = await Promise.all(refused.map((r, i) => send(targets[i % 2]!, r.d)));
    expect(retries.every((r) => r.status === 200 && r.body.duplicate !== true)).toBe(true);
    for (const r of results) expect(handledEverywhere(r.jobId)).toBe(1);
  });
});
