// `node --import tsx bench/profile.ts <server module> <size> [seconds]`: runs one benchmark server
// under --cpu-prof, loads it like bench/run.ts does, and prints where the CPU time went
// (self time by function, and by origin: scribehook, framework, Node internals, GC).
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { buildBench, root } from "./build";
import type { LoadSpec } from "./load";
import { bytesOf } from "./stats";

const bundle = buildBench();
const [name = "express-scribehook", size = "1.5kb", seconds = "5"] = process.argv.slice(2);
const dir = `${root}.tmp/profiles/${name}-${size}-${Date.now()}`;
mkdirSync(dir, { recursive: true });

const server = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, bundle.server, name], {
  cwd: root,
  env: { ...process.env, NODE_ENV: "production", BENCH_ROOT: root },
  stdio: ["ignore", "pipe", "inherit"],
});
const port = await new Promise<string>((resolve) => {
  server.stdout!.on("data", (d: Buffer) => {
    const m = /PORT (\d+)/.exec(d.toString());
    if (m) resolve(m[1]!);
  });
});
const path = name.startsWith("octokit") ? "/webhooks/github" : "/webhooks/instanttranscriber";
const spec: LoadSpec = {
  url: `http://127.0.0.1:${port}${path}`,
  kind: name.startsWith("octokit") ? "github" : "instanttranscriber",
  bytes: bytesOf(size),
  connections: 50,
  warmup: 1,
  duration: Number(seconds),
};
const load = spawn(process.execPath, [bundle.load, JSON.stringify(spec)], {
  cwd: root,
  env: { ...process.env, BENCH_ROOT: root },
  stdio: ["ignore", "pipe", "inherit"],
});
let out = "";
load.stdout!.on("data", (d) => (out += d));
await new Promise((r) => load.on("exit", r));
console.log(out.trim());
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
};
const total = profile.samples.length;
const byFunction = new Map<string, number>();
const byOrigin = new Map<string, number>();
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
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
console.log(`\n${file}: ${total} samples\n\nby origin:`);
for (const [k, v] of [...byOrigin].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${pct(v)}  ${k}`);
console.log("\ntop functions (self time):");
for (const [k, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(`  ${pct(v)}  ${k}`);
