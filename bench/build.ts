import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repo root. Children get it as BENCH_ROOT, since their bundles live elsewhere. */
export const root = process.env.BENCH_ROOT ?? fileURLToPath(new URL("../", import.meta.url));

/**
 * Bundles bench/server.ts, load.ts, store.ts and adapter-micro.ts into plain ESM (packages stay external) so the measured
 * processes run on plain `node`: no TypeScript loader hooking module resolution inside a benchmark.
 */
export function buildBench(): { server: string; load: string; store: string; micro: string } {
  const out = `${root}.tmp/bench-build`;
  const r = spawnSync(
    `${root}node_modules/.bin/esbuild`,
    [
      "bench/server.ts",
      "bench/load.ts",
      "bench/store.ts",
      "bench/adapter-micro.ts",
      "--bundle",
      "--platform=node",
      "--format=esm",
      "--target=node20",
      "--packages=external",
      `--outdir=${out}`,
      "--out-extension:.js=.mjs",
      "--log-level=warning",
    ],
    { cwd: root, stdio: "inherit" },
  );
  if (r.status !== 0) throw new Error("esbuild could not bundle bench/server.ts, load.ts and store.ts");
  return {
    server: `${out}/server.mjs`,
    load: `${out}/load.mjs`,
    store: `${out}/store.mjs`,
    micro: `${out}/adapter-micro.mjs`,
  };
}
