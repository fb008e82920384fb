// `pnpm bench`: every configuration at each body size, in its own server process, loaded by
// autocannon in another process, warmed up, measured over several rounds in rotated order.
// Writes BENCHMARKS.md at the repo root (and the raw numbers to .tmp/bench-results.json).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import Redis from "ioredis";
import { hasRedisServer, type RedisServer, startRedisServer } from "../test/support/redis-server";
import { buildBench, root } from "./build";
import { firstLine } from "./child-output";
import { type BenchConfig, configs } from "./configs";
import { isBuilt } from "./dist";
import type { LoadResult, LoadSpec } from "./load";
import { MEMORY_SERVERS, type MemoryResult, measureMemory } from "./memory";
import { type Measurement, writeReport } from "./report";
import { REDIS_PREFIX } from "./servers/scribehook-options";
import { bytesOf, rotate } from "./stats";
import type { StoreResult } from "./store";

const env = process.env;
const bundle = buildBench();
const settings = {
  rounds: Number(env.BENCH_ROUNDS ?? 3),
  duration: Number(env.BENCH_DURATION ?? 6),
  warmup: Number(env.BENCH_WARMUP ?? 2),
  connections: Number(env.BENCH_CONNECTIONS ?? 50),
  sizes: (env.BENCH_SIZES ?? "1.5kb,1mb").split(",").map((s) => s.trim()),
  only: env.BENCH_ONLY ? new RegExp(env.BENCH_ONLY) : undefined,
  output: env.BENCH_OUTPUT ?? `${root}BENCHMARKS.md`,
};

const skipped: string[] = [];
const selected = configs.filter((c) => {
  if (settings.only && !settings.only.test(c.id)) return false;
  if (c.needs && !isBuilt(c.needs)) {
    skipped.push(`${c.label}: packages/${c.needs} is not built (or does not exist yet)`);
    return false;
  }
  if (c.env?.BENCH_STORE === "redis" && !hasRedisServer()) {
    skipped.push(`${c.label}: redis-server is not installed (apt-get install -y redis-server)`);
    return false;
  }
  return true;
});
for (const note of skipped) console.log(`skipped: ${note}`);

// The dedupe store alone: cost per delivery of a full memoryStore() vs an empty one.
let store: StoreResult | undefined;
if (!settings.only || settings.only.test("memory-store")) {
  console.log("dedupe store: memoryStore() full vs empty, 5 rounds × 100,000 deliveries each…");
  store = await storeBenchmark();
  console.log(
    `dedupe store: empty ${store.emptyUs.toFixed(2)} µs, full ${store.fullUs.toFixed(2)} µs CPU per delivery ` +
      `(${((store.fullUs / store.emptyUs - 1) * 100).toFixed(1)} %)`,
  );
}

// Peak memory of one in-flight 20 MB delivery, per server.
let memory: MemoryResult[] | undefined;
if (!settings.only || settings.only.test("memory")) {
  memory = [];
  for (const name of MEMORY_SERVERS) {
    const m = await measureMemory(name, bundle.server);
    console.log(`memory: ${name} peak +${(m.peakGrowth / 2 ** 20).toFixed(1)} MB for a 20 MB delivery`);
    memory.push(m);
  }
}

// The Redis row's redis-server, filled with as many completed keys as the memory store's bound holds.
let redisServer: RedisServer | undefined;
const serverEnv: Record<string, string> = {};
if (selected.some((c) => c.env?.BENCH_STORE === "redis")) {
  redisServer = await startRedisServer();
  serverEnv.BENCH_REDIS_PORT = String(redisServer.port);
  await fillRedis(redisServer.port, store?.fullKeys ?? 253_000);
}

const runs = selected.length * settings.sizes.length * settings.rounds;
const estimate = runs * (settings.duration + settings.warmup + 1.5);
console.log(
  `${selected.length} configurations × ${settings.sizes.length} sizes × ${settings.rounds} rounds, ` +
    `${settings.warmup} s warm-up + ${settings.duration} s each, ${settings.connections} connections: ~${Math.ceil(estimate / 60)} min`,
);

const measurements: Measurement[] = [];
const loadAvgStart = (await import("node:os")).loadavg();
for (let round = 0; round < settings.rounds; round++) {
  for (const size of settings.sizes) {
    for (const config of rotate(selected, round)) {
      const m = await measure(config, size, round);
      measurements.push(m);
      const r = m.result;
      console.log(
        `round ${round + 1} ${size.padEnd(5)} ${config.id.padEnd(28)} ` +
          (r
            ? `${r.rps.toFixed(0).padStart(6)} req/s  p99 ${String(r.p99).padStart(5)} ms${m.problem ? `  ! ${m.problem}` : ""}`
            : `failed: ${m.problem}`),
      );
    }
  }
}
const loadAvgEnd = (await import("node:os")).loadavg();
await redisServer?.dispose();

mkdirSync(`${root}.tmp`, { recursive: true });
writeFileSync(`${root}.tmp/bench-results.json`, JSON.stringify({ settings, measurements }, null, 2));
writeReport(settings.output, {
  settings,
  measurements,
  configs: selected,
  store,
  memory,
  skipped,
  loadAvgStart,
  loadAvgEnd,
});
console.log(`wrote ${settings.output}`);

async function measure(config: BenchConfig, size: string, round: number): Promise<Measurement> {
  const bytes = bytesOf(size);
  const server = spawn(process.execPath, [bundle.server, config.server], {
    cwd: root,
    env: { ...env, ...serverEnv, ...config.env, NODE_ENV: "production", BENCH_ROOT: root },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const base = { config: config.id, size, bytes, round };
  try {
    const port = await firstLine(server, /^PORT (\d+)$/, 30_000);
    const spec: LoadSpec = {
      url: `http://127.0.0.1:${port}${config.path}`,
      kind: config.kind,
      bytes,
      connections: settings.connections,
      warmup: settings.warmup,
      duration: settings.duration,
    };
    const load = spawn(process.execPath, [bundle.load, JSON.stringify(spec)], {
      cwd: root,
      env: { ...env, BENCH_ROOT: root },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    load.stderr!.on("data", (d) => (stderr += d));
    const line = await firstLine(
      load,
      /^(\{.*\})$/,
      (settings.duration + settings.warmup) * 1000 + 60_000,
    ).catch((err: Error) => {
      throw new Error(stderr.trim() || err.message);
    });
    const result = JSON.parse(line) as LoadResult;
    const { handled, cpuMicros } = await stop(server);
    return {
      ...base,
      result,
      handled,
      cpuPerDelivery: handled > 0 ? cpuMicros / handled : undefined,
      problem: check(result, handled),
    };
  } catch (err) {
    server.kill("SIGKILL");
    return { ...base, problem: (err as Error).message.split("\n")[0] };
  }
}

/** Every answer a 2xx, and the server handled as many deliveries as were acknowledged (none a duplicate). */
function check(r: LoadResult, handled: number): string | undefined {
  if (r.non2xx || r.errors || r.timeouts)
    return `${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`;
  const acknowledged = r.ok2xx + r.warmup2xx;
  // Requests still in flight when autocannon stops are handled but not counted: at most one per connection.
  if (handled < acknowledged || handled > acknowledged + 2 * settings.connections) {
    return `server handled ${handled} deliveries for ${acknowledged} acknowledged`;
  }
  return undefined;
}

/** Runs bench/store.ts in its own process (plain node, with --expose-gc) and reads its JSON line. */
async function storeBenchmark(): Promise<StoreResult> {
  const child = spawn(process.execPath, ["--expose-gc", bundle.store], {
    cwd: root,
    env: { ...env, BENCH_ROOT: root },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(await firstLine(child, /^(\{.*\})$/, 600_000)) as StoreResult;
}

/** Writes `count` completed keys (7-day TTL) under the Redis row's prefix, pipelined. */
async function fillRedis(port: number, count: number): Promise<void> {
  const redis = new Redis(port, "127.0.0.1");
  for (let i = 0; i < count; i += 10_000) {
    const batch = redis.pipeline();
    for (let j = i; j < Math.min(count, i + 10_000); j++) {
      batch.set(`${REDIS_PREFIX}instanttranscriber:fill-${j}:completed`, "done", "PX", 7 * 86_400_000);
    }
    await batch.exec();
  }
  redis.disconnect();
}

/** Stops a server; its deliveries handled and the CPU µs it spent since listening. */
async function stop(server: ChildProcess): Promise<{ handled: number; cpuMicros: number }> {
  const line = firstLine(server, /^HANDLED (\d+ CPU \d+)$/, 10_000);
  server.kill("SIGTERM");
  const [handled, cpuMicros] = (await line).split(" CPU ").map(Number) as [number, number];
  return { handled, cpuMicros };
}
