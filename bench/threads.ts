// `node --import tsx bench/threads.ts <size> <seconds> <server> [<server> …]`: runs each benchmark
// server in turn under the same load as `pnpm bench`, and prints its CPU time per delivery split by
// thread (the main thread, V8's GC helpers, libuv's pool), read from /proc/<pid>/task/*/stat before
// and after the load. Name a server twice to alternate runs, e.g.
//   node --import tsx bench/threads.ts 1mb 6 express-handwritten express-scribehook express-handwritten express-scribehook
// Linux only (it reads /proc). Extra flags for the server's node: BENCH_NODE_FLAGS="--trace-gc".
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { buildBench, root } from "./build";
import { firstLine } from "./child-output";
import { loadSpecFor, runLoad } from "./load-run";

const TICK_MS = 10; // /proc's clock ticks (USER_HZ = 100)

/** CPU milliseconds so far of each thread of a process, by thread name ("main" for the first). */
function cpuByThread(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    // Fields after the command name: state is the 1st, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const name = tid === String(pid) ? "main" : readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
    out.set(name, (out.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) * TICK_MS);
  }
  return out;
}

const [size = "1mb", seconds = "6", ...servers] = process.argv.slice(2);
const bundle = buildBench();
for (const name of servers) {
  const flags = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  const server = spawn(process.execPath, [...flags, bundle.server, name], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", BENCH_ROOT: root },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await firstLine(server, /^PORT (\d+)$/, 30_000);
  server.stdout!.resume(); // what it prints after (its stop line, any --trace-gc) must not fill the pipe
  const before = cpuByThread(server.pid!);
  const result = await runLoad(bundle.load, loadSpecFor(name, port, size, Number(seconds)));
  const after = cpuByThread(server.pid!);
  server.kill("SIGTERM");
  await new Promise((resolve) => server.on("exit", resolve));
  const deliveries = result.total + result.warmup2xx;
  const perThread = [...after]
    .map(([thread, ms]) => [thread, ((ms - (before.get(thread) ?? 0)) * 1000) / deliveries] as const)
    .filter(([, us]) => us > 0);
  const total = perThread.reduce((sum, [, us]) => sum + us, 0);
  const split = perThread.map(([thread, us]) => `${thread} ${us.toFixed(0)}`).join(", ");
  console.log(`${name.padEnd(24)} ${result.rps} req/s, ${total.toFixed(0)} µs CPU a delivery: ${split}`);
}
