import { signDelivery } from "@scribehook/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, startRedisServer } from "../support/redis-server";
import { type Started, startExample } from "./example-process";

// examples/bullmq started with its one command against a real redis-server: a web process and two
// workers. Deliveries are answered by the web process and handled, once each, by the workers.

const TOKEN = "bullmq-example-token";
let redis: RedisServer;
let app: Started | undefined;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  // Its own process group: npx → pnpm → start.ts → three node processes, ended together.
  await app?.stop();
  await redis?.dispose();
});

describe("examples/bullmq", () => {
  it("starts a web process and two workers with one command; the workers handle every delivery once", async () => {
    app = await startExample("bullmq", {
      env: { PORT: "0", AAI_TOKEN: TOKEN, REDIS_PORT: String(redis.port), HANDLER_DELAY_MS: "300" },
      ready: /^\[web\] listening on /,
    });
    const { printed, lines } = app;
    const base = app.ready.replace(/^\[web\] listening on /, "");
    await Promise.all([printed(/^\[worker-1\] worker-1 ready$/), printed(/^\[worker-2\] worker-2 ready$/)]);

    const ids = Array.from({ length: 8 }, (_, i) => `example-${i}`);
    for (const jobId of [...ids, ids[0]!]) {
      const d = signDelivery("assemblyai", { headers: { "x-webhook-token": TOKEN }, jobId });
      const res = await fetch(base + d.path, { method: d.method, headers: d.headers, body: d.body });
      expect(res.status).toBe(200);
    }
    await Promise.all(ids.map((id) => printed(new RegExp(`completed: assemblyai ${id}$`))));
    const completed = lines.filter((l) => / completed: /.test(l));
    expect(completed.map((l) => l.split(" ").pop()).sort()).toEqual([...ids].sort());
    // Both workers took jobs: each handler takes 300 ms, so one worker alone would leave the other idle.
    expect(new Set(completed.map((l) => /^\[(worker-\d)\]/.exec(l)?.[1])).size).toBe(2);
  }, 90_000);
});
