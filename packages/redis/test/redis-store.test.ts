import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { createReceiver } from "@scribehook/core";
import { redisStore } from "@scribehook/redis";
import { dedupeStoreContract } from "@scribehook/testing";
import Redis from "ioredis";
import Redis6 from "ioredis6";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, startRedisServer } from "../../../test/support/redis-server";

// The peer range is `^5.4.0 || ^6.0.0`: every test below runs once per supported major. `ioredis` is
// the 5.x line and `ioredis6` a dev-dependency alias of the 6.x line (RESP3 by default).
const require = createRequire(import.meta.url);
const majors = [
  { label: "ioredis 5", Client: Redis, version: require("ioredis/package.json").version as string },
  {
    label: "ioredis 6",
    // The two majors' classes are distinct types (private members): the store's signature names the
    // one the user installed, so here one of them is cast.
    Client: Redis6 as unknown as typeof Redis,
    version: require("ioredis6/package.json").version as string,
  },
];

let server: RedisServer;

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  await server?.dispose();
});

const ready = (c: Redis) =>
  c.status === "ready" ? Promise.resolve() : new Promise<void>((resolve) => c.once("ready", () => resolve()));

describe.each(majors)("with $label", ({ label, Client, version }) => {
  let redis: Redis;
  const clients: Redis[] = [];

  /** A client set up as the README recommends: fail fast instead of queueing while Redis is away. */
  function client(): Redis {
    const c = new Client(server.port, server.host, {
      commandTimeout: 1000,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      lazyConnect: false,
    });
    c.on("error", () => {}); // connection errors surface as rejected commands; no unhandled 'error'
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    redis = client();
    await ready(redis);
  });

  afterAll(() => {
    for (const c of clients) c.disconnect();
  });

  it("really is that major", () => {
    expect(version.split(".")[0]).toBe(label.split(" ")[1]);
  });

  // A fresh prefix per test keeps tests apart without flushing a database others may be using.
  // Unbounded here (Redis's own maxmemory is the bound; see the README): no full-store cases.
  dedupeStoreContract("redisStore()", () => redisStore(redis, { prefix: `contract:${randomUUID()}:` }), {
    describe,
    it,
    expect,
  });

  describe("redisStore", () => {
    it("writes under its prefix, and two prefixes never see each other's keys", async () => {
      const a = redisStore(redis, { prefix: "app-a:" });
      const b = redisStore(redis, { prefix: "app-b:" });
      const k = `assemblyai:${randomUUID()}:completed`;
      expect(await a.claim(k, "o1", 60_000)).toBe("claimed");
      expect(await b.claim(k, "o2", 60_000)).toBe("claimed");
      expect(await redis.get(`app-a:${k}`)).toBe("claim:o1");
      await a.complete(k, "o1", 60_000);
      expect(await redis.get(`app-a:${k}`)).toBe("done");
      expect(await redis.get(`app-b:${k}`)).toBe("claim:o2");
      expect(a.prefix).toBe("app-a:");
      expect(redisStore(redis).prefix).toBe("scribehook:");
    });

    it("sets the claim's expiry and then the completion's expiry on the key itself", async () => {
      const store = redisStore(redis, { prefix: `ttl:${randomUUID()}:` });
      await store.claim("k", "o", 5_000);
      const claimTtl = await redis.pttl(`${store.prefix}k`);
      expect(claimTtl).toBeGreaterThan(4_000);
      expect(claimTtl).toBeLessThanOrEqual(5_000);
      await store.complete("k", "o", 7 * 86_400_000);
      expect(await redis.pttl(`${store.prefix}k`)).toBeGreaterThan(6 * 86_400_000);
    });

    it("keeps working after Redis forgets its scripts (restart, SCRIPT FLUSH)", async () => {
      const store = redisStore(redis, { prefix: `flush:${randomUUID()}:` });
      expect(await store.claim("a", "o", 60_000)).toBe("claimed");
      await redis.script("FLUSH");
      expect(await store.claim("a", "p", 60_000)).toBe("in_progress");
      await store.release("a", "o");
      expect(await store.claim("a", "p", 60_000)).toBe("claimed");
    });

    it("shares one client between stores without redefining its commands", async () => {
      const first = redisStore(redis, { prefix: `share1:${randomUUID()}:` });
      const second = redisStore(redis, { prefix: `share2:${randomUUID()}:` });
      expect(await first.claim("k", "o", 1000)).toBe("claimed");
      expect(await second.claim("k", "o", 1000)).toBe("claimed");
    });

    it("rejects, within its timeout, when Redis does not answer", async () => {
      const c = client();
      await ready(c);
      // A second connection pauses every client: the store's commands hang until the pause ends.
      const store = redisStore(c, { prefix: `hang:${randomUUID()}:`, timeout: 100 });
      await redis.call("CLIENT", "PAUSE", "400", "ALL");
      // The message proves the store's own deadline fired, not the client's 1 s commandTimeout.
      await expect(store.claim("k", "o", 1000)).rejects.toThrow(/redisStore: claim took longer than 100 ms/);
      await redis.call("CLIENT", "UNPAUSE");
    });

    it("rejects every operation when Redis is unreachable, and works again once it is back", async () => {
      const c = client();
      await ready(c);
      const store = redisStore(c, { prefix: `down:${randomUUID()}:` });
      expect(await store.claim("held", "o", 60_000)).toBe("claimed");
      const closed = new Promise((r) => c.once("close", r));
      await server.stop();
      await closed;
      await expect(store.claim("k", "o", 1000)).rejects.toThrow(/redisStore: claim failed/);
      await expect(store.complete("k", "o", 1000)).rejects.toThrow(/redisStore: complete failed/);
      await expect(store.release("k", "o")).rejects.toThrow(/redisStore: release failed/);
      await server.start();
      await ready(c);
      await ready(redis);
      // No persistence: the restarted server is empty, and the store simply carries on.
      expect(await store.claim("k", "o", 1000)).toBe("claimed");
    });

    it("with a client left on ioredis's defaults (offline queue, 20 retries), still rejects within its timeout", async () => {
      const c = new Client(server.port, server.host); // no fail-fast settings at all
      c.on("error", () => {});
      clients.push(c);
      await ready(c);
      const store = redisStore(c, { prefix: `defaults:${randomUUID()}:`, timeout: 300 });
      const closed = new Promise((r) => c.once("close", r));
      await server.stop();
      await closed;
      // ioredis queues the command until it reconnects; the store gives up instead → the receiver answers 503.
      await expect(store.claim("k", "o", 1000)).rejects.toThrow(/redisStore: claim took longer than 300 ms/);
      await server.start();
      await ready(c);
      await ready(redis);
      expect(await store.claim("k2", "o", 1000)).toBe("claimed");
    });

    it("refuses what is not an ioredis client, and bad options, with a clear TypeError", () => {
      expect(() => redisStore({} as Redis)).toThrow(/pass an ioredis client/);
      expect(() => redisStore(redis, { timeout: -1 })).toThrow(/timeout must be/);
      expect(() => redisStore(redis, { prefix: 5 as unknown as string })).toThrow(/prefix must be a string/);
    });

    it("makes the receiver answer 503 store_unavailable while Redis is unreachable", async () => {
      const c = client();
      await ready(c);
      const receiver = createReceiver({
        providers: { assemblyai: { headers: { "x-webhook-token": "tok" } } },
        store: redisStore(c, { prefix: `rx:${randomUUID()}:` }),
      });
      let runs = 0;
      receiver.onComplete(() => {
        runs++;
      });
      const delivery = () =>
        receiver.handle({
          method: "POST",
          url: "/webhooks/assemblyai",
          headers: { "x-webhook-token": "tok", "content-type": "application/json" },
          body: JSON.stringify({ transcript_id: "t-503", status: "completed" }),
        });
      const closed = new Promise((r) => c.once("close", r));
      await server.stop();
      await closed;
      const refused = await delivery();
      expect(refused.status).toBe(503);
      expect(JSON.parse(refused.body).error.code).toBe("store_unavailable");
      expect(refused.headers["retry-after"]).toBeDefined();
      expect(runs).toBe(0);
      await server.start();
      await ready(c);
      expect((await delivery()).status).toBe(200);
      expect(runs).toBe(1);
      expect(JSON.parse((await delivery()).body)).toEqual({ ok: true, duplicate: true });
      expect(runs).toBe(1);
    });

    it("keeps a slow handler's claim alive: a handler slower than claimTtl is not run again by the concurrent retry", async () => {
      const store = redisStore(redis, { prefix: `slow:${randomUUID()}:` });
      const receiver = createReceiver({
        providers: { assemblyai: { headers: { "x-webhook-token": "tok" } } },
        store,
        claimTtl: "1s",
        handlerTimeout: "10s",
      });
      let runs = 0;
      receiver.onComplete(async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 2500));
      });
      const delivery = () =>
        receiver.handle({
          method: "POST",
          url: "/webhooks/assemblyai",
          headers: { "x-webhook-token": "tok", "content-type": "application/json" },
          body: JSON.stringify({ transcript_id: "t-slow", status: "completed" }),
        });
      const first = delivery();
      await new Promise((r) => setTimeout(r, 1500));
      // The key still holds the first request's claim, renewed to a fresh claimTtl.
      expect(await redis.get(`${store.prefix}assemblyai:t-slow:completed`)).toMatch(/^claim:/);
      expect(await redis.pttl(`${store.prefix}assemblyai:t-slow:completed`)).toBeGreaterThan(0);
      const retry = await delivery();
      expect(retry.status).toBe(503);
      expect(JSON.parse(retry.body).error.code).toBe("in_progress");
      expect((await first).status).toBe(200);
      expect(runs).toBe(1);
    });

    it("stores a 1 MB job id's key as sha256:<hex>, not the megabyte", async () => {
      const store = redisStore(redis, { prefix: `long:${randomUUID()}:` });
      const receiver = createReceiver({
        providers: { assemblyai: { headers: { "x-webhook-token": "tok" } } },
        store,
      });
      receiver.onComplete(() => {});
      const delivery = () =>
        receiver.handle({
          method: "POST",
          url: "/webhooks/assemblyai",
          headers: { "x-webhook-token": "tok", "content-type": "application/json" },
          body: JSON.stringify({ transcript_id: "j".repeat(1024 * 1024), status: "completed" }),
        });
      expect((await delivery()).status).toBe(200);
      expect(JSON.parse((await delivery()).body)).toEqual({ ok: true, duplicate: true });
      const keys = await redis.keys(`${store.prefix}*`);
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(/^long:[^:]+:sha256:[0-9a-f]{64}$/);
    });
  });
});
