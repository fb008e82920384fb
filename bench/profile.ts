// `node --import tsx bench/profile.ts <server module> <size> [seconds]`: runs one benchmark server
// under --cpu-prof, loads it like bench/run.ts does, and prints where the CPU time went
// (self time by function, and by origin: scribehook, framework, Node internals, GC).
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { buildBench, root } from "./build";
import { firstLine } from "./child-output";
import { loadSpecFor, runLoad } from "./load-run";

const bundle = buildBench();
const [name = "express-scribehook", size = "1.5kb", seconds = "5"] = process.argv.slice(2);
const dir = `${root}.tmp/profiles/${name}-${size}-${Date.now()}`;
mkdirSync(dir, { recursive: true });

const server = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, bundle.server, name], {
  cwd: root,
  env: { ...process.env, NODE_ENV: "production", BENCH_ROOT: root },
  stdio: ["ignore", "pipe", "inherit"],
});
const port = await firstLine(server, /^PORT (\d+)$/, 30_000);
server.stdout!.resume(); // its stop line must not fill the pipe
const result = await runLoad(bundle.load, loadSpecFor(name, port, size, Number(seconds)));
console.log(JSON.stringify(result));
server.kill("SIGTERM");
await new Promise((r) => server.on("exit", r));

const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))!;
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const profile = JSON.parse(readFileSync(`${dir}/${file}`, "utf8")) as {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};
// Only the samples of the measured load, not start-up (building the receiver, filling its store):
// the last `seconds` before the server was stopped, less a margin for the stop itself.
const measuredFrom = profile.endTime - (Number(seconds) + 0.2) * 1e6;
const measuredTo = profile.endTime - 0.2e6;
const hitsOf = new Map<number, number>();
let at = profile.startTime;
let total = 0;
let idle = 0;
const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i]!;
  if (at < measuredFrom || at > measuredTo) return;
  hitsOf.set(id, (hitsOf.get(id) ?? 0) + 1);
  total++;
  if (idleIds.has(id)) idle++;
});
const requests = result.total;
const busyMs = (((total - idle) / total) * (measuredTo - measuredFrom)) / 1000;
const byFunction = new Map<string, number>();
const byOrigin = new Map<string, number>();
for (const node of profile.nodes) {
  const hits = hitsOf.get(node.id) ?? 0;
  if (!hits) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const short = url
    .replace(/^file:\/\//, "")
    .replace(root, "")
    .replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, "");
  const key = `${functionName || "(anonymous)"}  ${short}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  const origin = url.includes("packages/")
    ? `scribehook ${/packages\/([^/]+)/.exec(url)![1]}`
    : url.includes("node_modules")
      ? (/node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? "node_modules")
      : url.startsWith("node:") || url === ""
        ? functionName.startsWith("(")
          ? functionName
          : "node internals / native"
        : "other";
  byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + hits);
}
const pct = (n: number) => `${((100 * n) / total).toFixed(1).padStart(5)}%`;
console.log(
  `\n${file}: ${total} samples in the measured ${seconds} s; busy ${busyMs.toFixed(0)} ms CPU, ` +
    `${((busyMs * 1000) / requests).toFixed(1)} µs CPU per request (approximate: the load's last second included)\n\nby origin:`,
);
for (const [k, v] of [...byOrigin].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${pct(v)}  ${k}`);
console.log("\ntop functions (self time):");
for (const [k, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(`  ${pct(v)}  ${k}`);
