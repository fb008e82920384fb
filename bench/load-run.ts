import { spawn } from "node:child_process";
import { root } from "./build";
import type { LoadResult, LoadSpec } from "./load";
import { bytesOf } from "./stats";

/**
 * The load `pnpm bench` puts on one server (50 connections, 1 s warm-up), for the tools that run a
 * single server by name: the octokit servers get GitHub deliveries, every other one InstantTranscriber's.
 *
 * @example
 * ```ts
 * const result = await runLoad(bundle.load, loadSpecFor("express-scribehook", port, "1mb", 8));
 * ```
 */
export function loadSpecFor(server: string, port: string, size: string, seconds: number): LoadSpec {
  const github = server.startsWith("octokit");
  return {
    url: `http://127.0.0.1:${port}${github ? "/webhooks/github" : "/webhooks/instanttranscriber"}`,
    kind: github ? "github" : "instanttranscriber",
    bytes: bytesOf(size),
    connections: 50,
    warmup: 1,
    duration: seconds,
  };
}

/** Runs the load generator (bench/load.ts, bundled) in its own process and returns what it measured. */
export async function runLoad(loadBundle: string, spec: LoadSpec): Promise<LoadResult> {
  const load = spawn(process.execPath, [loadBundle, JSON.stringify(spec)], {
    cwd: root,
    env: { ...process.env, BENCH_ROOT: root },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  load.stdout!.on("data", (d) => (out += d));
  await new Promise((resolve) => load.on("exit", resolve));
  return JSON.parse(out.trim().split("\n").pop()!) as LoadResult;
}
