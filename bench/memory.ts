// Peak memory of one in-flight 20 MB delivery, per server: each benchmark server in its own process
// (as `pnpm bench` runs them), its resident set read from /proc before and at peak (VmHWM, reset
// through clear_refs just before the delivery). Run by `pnpm bench`, or alone:
//   npx -y pnpm@10 build && node --import tsx bench/memory.ts
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { buildBench, root } from "./build";
import { firstLine } from "./child-output";
import { deliveries } from "./payload";

/** What one server's measurement gave. */
export interface MemoryResult {
  server: string;
  bodyBytes: number;
  /** Resident set before the delivery, and its peak growth during it, in bytes. */
  idleRss: number;
  peakGrowth: number;
}

/** The servers measured: the Express reference and scribehook on each framework. */
export const MEMORY_SERVERS = [
  "express-handwritten",
  "express-scribehook",
  "koa-scribehook",
  "fastify-scribehook",
];
const BODY_BYTES = 20 * 1024 * 1024;

const kb = (pid: number, field: string): number => {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m?.[1] ?? Number.NaN) * 1024;
};

function deliver(port: number, bytes: number): Promise<number> {
  const { body, headers } = deliveries("instanttranscriber", bytes)();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        port,
        host: "127.0.0.1",
        method: "POST",
        path: "/webhooks/instanttranscriber",
        headers,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Measures one server: a warm-up delivery of the same size, a second to settle, then the measured one.
 *
 * @example
 * ```ts
 * const r = await measureMemory("express-scribehook");
 * console.log(r.peakGrowth / r.bodyBytes); // goal: at most 2
 * ```
 */
export async function measureMemory(name: string, server = buildBench().server): Promise<MemoryResult> {
  const child = spawn(process.execPath, [server, name], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", BENCH_ROOT: root },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const port = Number(await firstLine(child, /^PORT (\d+)$/, 30_000));
    const pid = child.pid!;
    if ((await deliver(port, BODY_BYTES)) !== 200) throw new Error(`${name}: warm-up delivery refused`);
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = kb(pid, "VmRSS");
    writeFileSync(`/proc/${pid}/clear_refs`, "5"); // resets VmHWM to the current RSS
    if ((await deliver(port, BODY_BYTES)) !== 200) throw new Error(`${name}: delivery refused`);
    return { server: name, bodyBytes: BODY_BYTES, idleRss, peakGrowth: kb(pid, "VmHWM") - idleRss };
  } finally {
    child.kill("SIGKILL");
  }
}

if (process.argv[1] && /memory\.(ts|mjs)$/.test(process.argv[1])) {
  const server = buildBench().server;
  for (const name of MEMORY_SERVERS) {
    const r = await measureMemory(name, server);
    console.log(
      `${name.padEnd(22)} idle ${(r.idleRss / 2 ** 20).toFixed(0)} MB, peak +${(r.peakGrowth / 2 ** 20).toFixed(1)} MB ` +
        `for a ${r.bodyBytes / 2 ** 20} MB delivery (${(r.peakGrowth / r.bodyBytes).toFixed(2)}× its size)`,
    );
  }
}
