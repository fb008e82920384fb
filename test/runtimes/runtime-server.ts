import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import type { Runtime } from "./runtimes";

/** A runtime serving the host app on 127.0.0.1. */
export interface RuntimeServer {
  /** `http://127.0.0.1:<port>`. */
  base: string;
  /** Ends the runtime's process group and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * A port nothing listens on right now.
 *
 * @example
 * ```ts
 * const port = await freePort();
 * ```
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Builds and starts `runtime`, and resolves once the host app answers `GET /__events`. Rejects with
 * the runtime's output when the build fails, or when the process exits or stays silent for `timeoutMs`.
 *
 * @example
 * ```ts
 * const server = await startRuntime(runtimes.deno);
 * await fetch(`${server.base}/__events`);
 * await server.stop();
 * ```
 */
export async function startRuntime(runtime: Runtime, timeoutMs = 60_000): Promise<RuntimeServer> {
  const port = await freePort();
  const launch = await runtime.prepare(port).catch((error: { stderr?: string; stdout?: string }) => {
    throw new Error(`${runtime.label}: the build failed:\n${error.stderr || error.stdout || error}`, {
      cause: error,
    });
  });
  const env = { ...process.env, ...launch.env };
  delete env.NODE_OPTIONS; // vitest's worker options are not for the runtime
  // Its own process group, so the runtime and anything it started end with one signal.
  const child: ChildProcess = spawn(launch.command, launch.args, {
    cwd: launch.cwd,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c) => {
    output += c;
  });
  child.stderr!.on("data", (c) => {
    output += c;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGTERM");
    await exited;
  };

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${runtime.label} exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`,
      );
    }
    try {
      const res = await fetch(`${base}/__events`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) {
        await res.arrayBuffer();
        return { base, stop };
      }
      throw new Error(
        `${runtime.label} answered GET /__events with ${res.status}:\n${await res.text()}\n${output}`,
      );
    } catch (error) {
      if (error instanceof Error && error.message.startsWith(runtime.label)) {
        await stop();
        throw error;
      }
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${runtime.label} did not answer within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
