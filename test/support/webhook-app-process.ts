/**
 * A real receiver process for the reliability tests: an Express 5 app with scribehook on
 * 127.0.0.1 and a free port, its dedupe store in memory or on Redis. Run by `startAppProcess()`
 * (./app-process.ts) as `node --import tsx`; configured by environment variables:
 *
 * - `APP_TOKEN`           AssemblyAI's x-webhook-token value (required)
 * - `APP_REDIS_PORT`      use `redisStore()` on this 127.0.0.1 port; memory store when absent
 * - `APP_PREFIX`          the Redis key prefix
 * - `APP_CLAIM_TTL`       receiver claimTtl, e.g. "1s"
 * - `APP_MAX_BODY`        receiver maxBodyBytes, e.g. "11mb"
 * - `APP_HANDLER_DELAY_MS` each handler run takes this long (simulated work)
 * - `APP_HANDLER_HANG`    "1": handlers never finish (to kill the process mid-handler)
 *
 * It reports on stdout, one JSON object per line: `{"event":"listening","port"}`,
 * `{"event":"redis-ready"}` (on every (re)connection), `{"event":"handler-started","jobId"}`,
 * `{"event":"handled","jobId"}`, `{"event":"rejected","status","code"}`. `GET /stats` answers `{ handled, rss, maxRss, heapUsed, external }`
 * (`GET /stats?gc=1` runs the garbage collector first when the process has `--expose-gc`)
 * (bytes; maxRss is the process's peak resident set size since start or the last
 * `POST /stats/reset-peak`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { DedupeStore } from "@scribehook/core";
import { transcriptionWebhook } from "@scribehook/express";
import { redisStore } from "@scribehook/redis";
import express from "express";
import Redis from "ioredis";

const env = process.env;
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

let store: DedupeStore | undefined;
if (env.APP_REDIS_PORT) {
  // The settings the @scribehook/redis README recommends: fail fast while Redis is away.
  const redis = new Redis(Number(env.APP_REDIS_PORT), "127.0.0.1", {
    commandTimeout: 1000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  redis.on("error", () => {});
  redis.on("ready", () => say({ event: "redis-ready" }));
  store = redisStore(redis, { prefix: env.APP_PREFIX ?? "scribehook:" });
}

const hooks = transcriptionWebhook({
  providers: { assemblyai: { headers: { "x-webhook-token": env.APP_TOKEN! } } },
  store,
  claimTtl: env.APP_CLAIM_TTL ?? "60s",
  maxBodyBytes: env.APP_MAX_BODY ?? "25mb",
});

let handled = 0;
const delay = Number(env.APP_HANDLER_DELAY_MS ?? 0);
hooks.onAny(async (event) => {
  say({ event: "handler-started", jobId: event.jobId.slice(0, 200) });
  if (env.APP_HANDLER_HANG === "1") await new Promise(() => {});
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  handled++;
  say({ event: "handled", jobId: event.jobId.slice(0, 200) });
});

hooks.onRejected((r) => {
  say({ event: "rejected", status: r.status, code: r.code });
});

const app = express();
app.use(hooks);
app.get("/stats", (req, res) => {
  // `?gc=1` collects first (when node runs with --expose-gc): heapUsed is then what is kept alive.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (req.query.gc === "1" && gc) gc();
  const usage = process.memoryUsage();
  res.json({
    handled,
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
    maxRss: peakRss(),
  });
});
// Linux resets the peak (VmHWM) when "5" is written to clear_refs: a clean baseline after warm-up.
app.post("/stats/reset-peak", (_req, res) => {
  writeFileSync("/proc/self/clear_refs", "5");
  res.json({ maxRss: peakRss() });
});

/**
 * Peak RSS in bytes. VmHWM, not getrusage's maxRSS: Linux carries ru_maxrss across exec, so a
 * child would report its parent's (the test runner's) peak instead of its own.
 */
function peakRss(): number {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
  return Number(match![1]) * 1024;
}

const server = createServer(app);
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  say({ event: "listening", port: typeof address === "object" && address ? address.port : 0 });
});
