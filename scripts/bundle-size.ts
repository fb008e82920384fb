/**
 * How big a Fetch handler built with scribehook is once bundled the way edge runtimes are: esbuild,
 * minified, platform neutral, with the Workers (`workerd`, `worker`, `browser`) or Vercel
 * (`edge-light`) conditions, from the built package (`packages/core/dist`, built first when missing
 * or older than its sources). Prints minified and gzipped (level 9) bytes of a one-provider handler
 * (`@scribehook/core/fetch` + `@scribehook/core/providers/assemblyai`), of the same with every part
 * `/fetch` bundles only when given (result reader, watchdog, URL signer, `allowIps` checker, queue), and of
 * all-providers handlers.
 *
 *   node --import tsx scripts/bundle-size.ts           # prints the table
 *   node --import tsx scripts/bundle-size.ts --write   # and writes it into BENCHMARKS.md
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { BUNDLE_SIZE_MARKER } from "../bench/report";
import { BUILTIN_PROVIDER_IDS } from "../packages/core/src/providers/ids";

const root = fileURLToPath(new URL("../", import.meta.url));
const core = join(root, "packages/core");

/** The two sets of conditions edge bundlers resolve with. */
export const CONDITIONS = {
  workers: ["workerd", "worker", "browser"],
  "vercel edge": ["edge-light"],
} as const;

/** The handlers measured: the module each one is. */
export const HANDLERS = {
  "one provider (/fetch + /providers/assemblyai)": `
import { createReceiver } from "@scribehook/core/fetch";
import { assemblyai } from "@scribehook/core/providers/assemblyai";
const receiver = createReceiver((env) => ({
  definitions: [assemblyai],
  providers: { assemblyai: { headers: { "x-webhook-token": env.AAI_TOKEN } } },
}));
export default { fetch: (request, env) => receiver.fetch(request, { env }) };
`,
  "all providers (/fetch + every /providers/<id>)": `
import { createReceiver } from "@scribehook/core/fetch";
${BUILTIN_PROVIDER_IDS.map((id) => `import { ${id} } from "@scribehook/core/providers/${id}";`).join("\n")}
const receiver = createReceiver((env) => ({
  definitions: [${BUILTIN_PROVIDER_IDS.join(", ")}],
  providers: { assemblyai: { headers: { "x-webhook-token": env.AAI_TOKEN } } },
}));
export default { fetch: (request, env) => receiver.fetch(request, { env }) };
`,
  "one provider with everything opt-in (+ /results/assemblyai, memoryWatchdog, signCallbackUrl, ipAllowList, createEnqueueOnce)": `
import { createEnqueueOnce, createReceiver, ipAllowList, memoryWatchdog, signCallbackUrl } from "@scribehook/core/fetch";
import { assemblyai } from "@scribehook/core/providers/assemblyai";
import { assemblyaiResults } from "@scribehook/core/results/assemblyai";
const receiver = createReceiver((env) => ({
  definitions: [assemblyai],
  results: [assemblyaiResults],
  watchdog: memoryWatchdog,
  signCallbackUrl,
  ipAllowList,
  enqueueOnce: createEnqueueOnce,
  queue: { enqueue: async (event) => env.QUEUE.send(JSON.stringify(event)), close: async () => {} },
  providers: { assemblyai: { headers: { "x-webhook-token": env.AAI_TOKEN }, apiKey: env.AAI_KEY, allowIps: ["203.0.113.0/24"] } },
}));
export default { fetch: (request, env) => receiver.fetch(request, { env }) };
`,
  "all providers (root @scribehook/core)": `
import { createReceiver } from "@scribehook/core";
const receiver = createReceiver((env) => ({
  providers: { assemblyai: { headers: { "x-webhook-token": env.AAI_TOKEN } } },
}));
export default { fetch: (request, env) => receiver.fetch(request, { env }) };
`,
} as const;

export interface BundleSize {
  code: string;
  minified: number;
  gzipped: number;
}

/** Builds packages/core when its dist is missing or older than a source file. */
export function ensureCoreBuilt(): void {
  const built = join(core, "dist/fetch.js");
  const src = join(core, "src");
  const stale =
    !existsSync(built) ||
    readdirSync(src, { recursive: true }).some(
      (f) => statSync(join(src, String(f))).mtimeMs > statSync(built).mtimeMs,
    );
  if (!stale) return;
  const r = spawnSync("npx", ["-y", "pnpm@10", "run", "build"], { cwd: core, stdio: "ignore" });
  if (r.status !== 0) throw new Error("bundle-size: building packages/core failed");
}

/** A scratch project where `@scribehook/core` is the workspace package, as an app would install it. */
function scratch(): string {
  const dir = join(root, ".tmp/bundle-size");
  const link = join(dir, "node_modules/@scribehook/core");
  if (!existsSync(link)) {
    mkdirSync(join(dir, "node_modules/@scribehook"), { recursive: true });
    symlinkSync(core, link, "dir");
  }
  return dir;
}

/** Bundles one handler module and measures it. */
export async function bundle(source: string, conditions: readonly string[]): Promise<BundleSize> {
  const dir = scratch();
  const entry = join(dir, `entry-${Math.abs(hash(source + conditions.join()))}.mjs`);
  writeFileSync(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: [...conditions],
    mainFields: ["module", "main"],
    // A Node built-in would stay an import here (and fail the checks) instead of failing the build.
    external: ["node:*"],
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.text;
  return { code, minified: Buffer.byteLength(code), gzipped: gzipSync(code, { level: 9 }).length };
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  ensureCoreBuilt();
  const rows = ["| Fetch handler | conditions | minified | gzipped |", "| --- | --- | --- | --- |"];
  for (const [label, source] of Object.entries(HANDLERS)) {
    for (const [name, conditions] of Object.entries(CONDITIONS)) {
      const size = await bundle(source, conditions);
      rows.push(
        `| ${label} | ${name} (${conditions.join(", ")}) | ${kb(size.minified)} | ${kb(size.gzipped)} |`,
      );
    }
  }
  console.log(rows.join("\n"));
  if (process.argv.includes("--write")) writeSection(rows);
}

/** Replaces the bundle-size section at the end of BENCHMARKS.md (after its marker). */
function writeSection(rows: string[]): void {
  const path = join(root, "BENCHMARKS.md");
  const old = readFileSync(path, "utf8");
  const at = old.indexOf(BUNDLE_SIZE_MARKER);
  const head = (at === -1 ? old : old.slice(0, at)).replace(/\n*$/, "\n\n");
  const section = [
    BUNDLE_SIZE_MARKER,
    "",
    "## Edge bundle sizes",
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`node --import tsx scripts/bundle-size.ts --write\`: a Worker-style ` +
      "Fetch handler (lazy options from `env`) bundled by esbuild from the built package, minified, platform " +
      "neutral, with each runtime's conditions; gzip level 9. Before the sub-path entries and the web-standard " +
      "primitives, any Fetch handler was 532 KB minified, 205 KB gzipped (iconv-lite 478 KB of it). Goals: one " +
      "provider ≤ 10 KB, all providers ≤ 25 KB gzipped. `@scribehook/core/fetch` bundles result readers " +
      "(`event.transcript()`), the watchdog, the callback URL signer and the `allowIps` checker only when " +
      "given (`results`, `watchdog`, `signCallbackUrl`, `ipAllowList`), the queue's enqueuer only with `queue` " +
      "(`enqueueOnce: createEnqueueOnce`); the opt-in row shows one provider with all five. The multipart reader comes only with a provider that accepts multipart (Speechmatics).",
    "",
    ...rows,
    "",
  ];
  writeFileSync(path, head + section.join("\n"));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
