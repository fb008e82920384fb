import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { root } from "./build";
import type { BenchConfig } from "./configs";
import type { LoadResult } from "./load";
import type { MemoryResult } from "./memory";
import { median } from "./stats";
import type { StoreResult } from "./store";

/** One configuration at one size in one round. */
export interface Measurement {
  config: string;
  size: string;
  bytes: number;
  round: number;
  result?: LoadResult;
  handled?: number;
  /** CPU µs (user + system) the server spent per delivery it handled, warm-up included. */
  cpuPerDelivery?: number;
  problem?: string;
}

interface Summary {
  rps: number;
  rpsMin: number;
  rpsMax: number;
  p99: number;
  p99Min: number;
  p99Max: number;
  /** Median server CPU µs per delivery, when the rounds reported it. */
  cpu: number | undefined;
  rounds: number;
  problems: string[];
}

interface ReportInput {
  settings: { rounds: number; duration: number; warmup: number; connections: number; sizes: string[] };
  measurements: Measurement[];
  configs: BenchConfig[];
  /** The dedupe-store benchmark (bench/store.ts), when it ran. */
  store?: StoreResult;
  /** Peak memory of one in-flight 20 MB delivery per server (bench/memory.ts), when it ran. */
  memory?: MemoryResult[];
  skipped: string[];
  loadAvgStart: number[];
  loadAvgEnd: number[];
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const ratio = (a: Summary | undefined, b: Summary | undefined) =>
  a && b && b.rps > 0 ? `${(a.rps / b.rps).toFixed(2)}×` : "—";
/** The reference's CPU per delivery over this row's: above 1× the row spends less. */
const cpuRatio = (a: Summary | undefined, b: Summary | undefined) =>
  a?.cpu && b?.cpu ? `${(b.cpu / a.cpu).toFixed(2)}×` : "—";

function summarise(ms: Measurement[]): Summary | undefined {
  const ok = ms.filter((m) => m.result);
  const problems = ms.filter((m) => m.problem).map((m) => `round ${m.round + 1}: ${m.problem}`);
  if (ok.length === 0) return problems.length ? { ...empty, problems } : undefined;
  const rps = ok.map((m) => m.result!.rps);
  const p99 = ok.map((m) => m.result!.p99);
  const cpu = ok.flatMap((m) => (m.cpuPerDelivery === undefined ? [] : [m.cpuPerDelivery]));
  return {
    rps: median(rps),
    rpsMin: Math.min(...rps),
    rpsMax: Math.max(...rps),
    p99: median(p99),
    p99Min: Math.min(...p99),
    p99Max: Math.max(...p99),
    cpu: cpu.length > 0 ? median(cpu) : undefined,
    rounds: ok.length,
    problems,
  };
}
const empty: Summary = {
  rps: 0,
  rpsMin: 0,
  rpsMax: 0,
  p99: 0,
  p99Min: 0,
  p99Max: 0,
  cpu: undefined,
  rounds: 0,
  problems: [],
};

/**
 * Writes BENCHMARKS.md: per body size, a table of median req/s and p99 (with min–max over the rounds),
 * the ratio to the bare server and to the hand-written verifier of the same framework, then the machine.
 */
export function writeReport(path: string, input: ReportInput): void {
  const { settings } = input;
  const lines: string[] = [
    "# Benchmarks",
    "",
    "<!-- Written by `pnpm bench` (bench/run.ts); do not edit by hand. -->",
    "",
    `Generated ${new Date().toISOString()}. Each row: median over ${settings.rounds} round(s) (min–max in brackets); ` +
      `every configuration in its own server process, autocannon in another, ${settings.connections} connections, ` +
      `${settings.warmup} s warm-up then ${settings.duration} s measured, order rotated each round.`,
    "",
    "Every request is a fresh delivery: a new job id, body and HMAC-SHA256 signature per request " +
      "(InstantTranscriber's `X-InstantTranscriber-Signature: sha256=<hex>`; GitHub's `X-Hub-Signature-256` for octokit), " +
      "so scribehook never answers from its dedupe store. " +
      "scribehook's rows run with the dedupe store filled to its bound before the first request: the default " +
      "`memoryStore()` (64 MiB) holds about 253,000 completed keys, so deliveries make it forget its older generation of keys, " +
      "the state of a receiver that took more deliveries within the 7-day dedupe window than its store holds; " +
      "the `redisStore()` row's local redis-server holds as many completed keys. " +
      "The body is a word-level transcript (many small JSON objects). " +
      "A run counts only if every answer was 2xx and the server handled as many deliveries as were acknowledged. " +
      "Server CPU per delivery is the CPU time (user + system) of the server process from listening to its stop, " +
      "divided by the deliveries it handled, warm-up included: the server shares the cores with the load generator, " +
      "so req/s also move with how the two are scheduled, while this is what each delivery cost the server. " +
      "Every handler, scribehook's and the hand-written ones, reads the job id and the payload's words. " +
      "The hand-written rows are the reference each scribehook row is read against: the same verification, " +
      "written by hand on the same framework (no dedupe, no normalisation, no error contract).",
    "",
  ];
  const summaries = new Map<string, Summary | undefined>();
  const readme: string[] = [];
  for (const size of settings.sizes) {
    const bytes = input.measurements.find((m) => m.size === size)?.bytes;
    lines.push(`## ${size} body${bytes ? ` (about ${fmt(bytes)} bytes)` : ""}`, "");
    const tableStart = lines.length;
    lines.push(
      "| configuration | req/s | p99 latency (ms) | vs bare same framework | vs hand-written same framework | server CPU µs per delivery | CPU: hand-written ÷ this |",
    );
    lines.push("| --- | --: | --: | --: | --: | --: | --: |");
    for (const c of input.configs) {
      summaries.set(
        `${c.id}@${size}`,
        summarise(input.measurements.filter((m) => m.config === c.id && m.size === size)),
      );
    }
    /** The summary of the row of `framework` that `pick` chooses (its bare server, its hand-written verifier). */
    const reference = (framework: string, pick: (b: BenchConfig) => boolean | undefined) =>
      summaries.get(`${input.configs.find((b) => pick(b) && b.framework === framework)?.id}@${size}`);
    for (const c of input.configs) {
      const s = summaries.get(`${c.id}@${size}`);
      if (!s) continue;
      const bare = reference(c.framework, (b) => b.bare);
      // node:http has no hand-written row of its own: its Fetch row is read against Express's.
      const limit = reference(c.framework, (b) => b.limit) ?? reference("Express", (b) => b.limit);
      const cells =
        s.rounds === 0
          ? ["failed", "—", "—", "—", "—", "—"]
          : [
              `${fmt(s.rps)} (${fmt(s.rpsMin)}–${fmt(s.rpsMax)})`,
              `${fmt(s.p99)} (${fmt(s.p99Min)}–${fmt(s.p99Max)})`,
              c.bare ? "1.00×" : ratio(s, bare),
              c.limit ? "1.00×" : ratio(s, limit),
              s.cpu === undefined ? "—" : fmt(s.cpu),
              c.limit ? "1.00×" : cpuRatio(s, limit),
            ];
      lines.push(`| ${c.label}${s.problems.length ? " ⚠" : ""} | ${cells.join(" | ")} |`);
    }
    lines.push("");
    readme.push(`**${size} body**`, "", ...lines.slice(tableStart));
  }
  if (input.store) {
    const st = input.store;
    const us = (n: number) => n.toFixed(2);
    lines.push(
      "## Dedupe store: cost per delivery, full vs empty",
      "",
      `bench/store.ts, in its own process: \`claim\` + \`complete\` of ${fmt(st.deliveries)} fresh keys against the default ` +
        `\`memoryStore()\`, empty or filled to its bound (${fmt(st.fullKeys)} completed keys in ${fmt(st.maxBytes)} bytes, ` +
        `so deliveries make it forget its older generation of keys), on a new store each time, ${st.rounds} rounds in alternating order. Goal: full within 10 % of empty.`,
      "",
      "| store | CPU µs per delivery (median) | each round | wall-clock µs (median) |",
      "| --- | --: | --- | --: |",
      `| empty | ${us(st.emptyUs)} | ${st.emptyRounds.map(us).join(", ")} | ${us(st.emptyWallUs)} |`,
      `| full | ${us(st.fullUs)} | ${st.fullRounds.map(us).join(", ")} | ${us(st.fullWallUs)} |`,
      "",
      `Full vs empty (CPU): ${st.fullUs >= st.emptyUs ? "+" : ""}${((st.fullUs / st.emptyUs - 1) * 100).toFixed(1)} %.`,
      "",
    );
  }
  if (input.memory?.length) {
    const mb = (n: number) => (n / 2 ** 20).toFixed(1);
    lines.push(
      "## Memory: one in-flight 20 MB delivery",
      "",
      "bench/memory.ts: each server in its own process, after a warm-up delivery of the same size; its peak " +
        "resident set during one 20 MB delivery (the word-level transcript body, the handler reading the payload), " +
        "above its resident set just before (Linux VmHWM, reset through clear_refs). Goal: at most 2 × the body's size.",
      "",
      "| server | idle RSS (MB) | peak growth (MB) | × body size |",
      "| --- | --: | --: | --: |",
      ...input.memory.map(
        (m) =>
          `| ${m.server} | ${mb(m.idleRss)} | ${mb(m.peakGrowth)} | ${(m.peakGrowth / m.bodyBytes).toFixed(2)}× |`,
      ),
      "",
    );
  }
  const problems = input.configs.flatMap((c) =>
    settings.sizes.flatMap((size) =>
      (summaries.get(`${c.id}@${size}`)?.problems ?? []).map((p) => `- ${c.label} @ ${size}, ${p}`),
    ),
  );
  if (problems.length) lines.push("⚠ Runs left out of the medians:", "", ...problems, "");
  if (input.skipped.length) lines.push("Not measured:", "", ...input.skipped.map((s) => `- ${s}`), "");

  const cpus = os.cpus();
  const version = (pkg: string) => {
    try {
      return (
        JSON.parse(readFileSync(`${root}node_modules/${pkg}/package.json`, "utf8")) as { version: string }
      ).version;
    } catch {
      return "?";
    }
  };
  lines.push(
    "## Machine",
    "",
    `- ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} logical core(s), ${fmt(os.totalmem() / 2 ** 20)} MiB RAM`,
    `- ${os.type()} ${os.release()} (${os.arch()}), Node.js ${process.version}`,
    `- autocannon ${version("autocannon")}, express ${version("express")}, koa ${version("koa")}, fastify ${version("fastify")}, @octokit/webhooks ${version("@octokit/webhooks")}`,
    `- load average at start ${input.loadAvgStart.map((n) => n.toFixed(2)).join(" ")}, at end ${input.loadAvgEnd.map((n) => n.toFixed(2)).join(" ")}` +
      " — server and load generator share these cores, so anything else running skews the numbers; compare rows of one run, not runs",
    "",
    "## Reproduce",
    "",
    "```sh",
    "pnpm bench                                   # builds, then ~10 min: 3 rounds × 2 sizes × every configuration",
    "BENCH_DURATION=2 BENCH_WARMUP=1 BENCH_ROUNDS=1 pnpm bench   # a quick look",
    "BENCH_ONLY='express' BENCH_SIZES=1mb pnpm bench               # a subset (regex on configuration ids)",
    "```",
    "",
    "Knobs: `BENCH_ROUNDS` (3), `BENCH_DURATION` s (6), `BENCH_WARMUP` s (2), `BENCH_CONNECTIONS` (50), " +
      "`BENCH_SIZES` (`1.5kb,1mb`), `BENCH_ONLY` (regex), `BENCH_OUTPUT` (path of this file). Raw numbers: `.tmp/bench-results.json`. " +
      "What was profiled and changed: bench/NOTES.md.",
    "",
  );
  writeFileSync(path, lines.join("\n") + keptSection(path));
  if (path === `${root}BENCHMARKS.md`) writeReadmeSection(readme, input);
}

/** The README's benchmark section (between its bench:start / bench:end markers): the throughput tables. */
function writeReadmeSection(tables: string[], input: ReportInput): void {
  const file = `${root}README.md`;
  const readme = readFileSync(file, "utf8");
  const start = readme.indexOf("<!-- bench:start -->");
  const end = readme.indexOf("<!-- bench:end -->");
  if (start === -1 || end === -1) return;
  const cpus = os.cpus();
  const { settings } = input;
  const intro =
    `\`npx -y pnpm@10 bench\` (${new Date().toISOString().slice(0, 10)}; ${cpus[0]?.model ?? "unknown CPU"}, ` +
    `${cpus.length} logical core(s); Node.js ${process.version}): autocannon in its own process, ` +
    `${settings.connections} connections, every request a fresh HMAC-signed delivery, every handler reading the ` +
    `payload, the dedupe store filled to its bound, ${settings.rounds} round(s) in rotated order, median (min–max). ` +
    "Each scribehook row is read against a hand-written verifier on the same framework, in req/s and in the server's " +
    "CPU time per delivery (the steadier of the two on a machine where server and load generator share the cores). " +
    "Full report (dedupe store, " +
    "memory, bundle sizes, method, machine): [BENCHMARKS.md](BENCHMARKS.md); what was profiled and changed: " +
    "[bench/NOTES.md](bench/NOTES.md).";
  const section = ["<!-- bench:start -->", intro, "", ...tables].join("\n");
  writeFileSync(file, readme.slice(0, start) + section + readme.slice(end));
}

/** Where the section that scripts/bundle-size.ts writes begins; `pnpm bench` keeps it as it is. */
export const BUNDLE_SIZE_MARKER = "<!-- Edge bundle sizes: written by scripts/bundle-size.ts --write -->";

function keptSection(path: string): string {
  let old = "";
  try {
    old = readFileSync(path, "utf8");
  } catch {
    return "";
  }
  const at = old.indexOf(BUNDLE_SIZE_MARKER);
  return at === -1 ? "" : `\n${old.slice(at)}`;
}
