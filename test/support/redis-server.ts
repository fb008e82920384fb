import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A real `redis-server` child process on a loopback port, for tests. */
export interface RedisServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops the server (SIGTERM, then waits for the process to exit). Idempotent. */
  stop(): Promise<void>;
  /** Starts it again on the same port, e.g. after `stop()` to prove clients reconnect. */
  start(): Promise<void>;
  /** Stops it for good and removes its temp directory. */
  dispose(): Promise<void>;
}

/**
 * True when a `redis-server` binary is on the PATH (`.ci/run` installs it when missing).
 *
 * @example
 * ```ts
 * if (!hasRedisServer()) throw new Error("apt-get install -y redis-server");
 * ```
 */
export function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

/**
 * Starts `redis-server` on a free 127.0.0.1 port, without persistence, in a temp directory, and
 * resolves once it answers PING.
 *
 * @example
 * ```ts
 * const redis = await startRedisServer();
 * const client = new Redis(redis.port, "127.0.0.1");
 * // …
 * await redis.dispose();
 * ```
 */
export async function startRedisServer(): Promise<RedisServer> {
  if (!hasRedisServer()) {
    // No mock stands in for Redis: these tests prove behaviour against the real server.
    throw new Error("redis-server is not installed: apt-get install -y redis-server (.ci/run does this)");
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "scribehook-redis-"));
  let child: ChildProcess | undefined;

  const start = async () => {
    if (child) return;
    const proc = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child = proc;
    let output = "";
    // redis-server logs this line once it listens: awaiting it beats polling the port.
    let markReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    proc.stdout?.on("data", (d: Buffer) => {
      if (output.length < 10_000) output += d.toString();
      if (output.includes("Ready to accept connections")) markReady();
    });
    proc.stderr?.on("data", (d: Buffer) => {
      if (output.length < 10_000) output += d.toString();
    });
    const exited = new Promise<never>((_, reject) => {
      proc.once("exit", (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
      proc.once("error", reject);
    });
    exited.catch(() => {});
    await Promise.race([ready.then(() => waitForPing(port)), exited]);
  };

  const stop = async () => {
    const proc = child;
    if (!proc) return;
    child = undefined;
    if (proc.exitCode === null && proc.signalCode === null) {
      const gone = new Promise((resolve) => proc.once("exit", resolve));
      proc.kill("SIGTERM");
      await gone;
    }
  };

  await start();
  return {
    host: "127.0.0.1",
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A port the OS says is free right now (listen on 0, read it, close).
 *
 * @example
 * ```ts
 * const port = await freePort(); // e.g. 41213, then start a server that cannot listen on 0 itself
 * ```
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Sends PING over a raw socket until `+PONG` comes back; redis-server takes a few ms to listen. */
async function waitForPing(port: number, deadlineMs = 10_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (await ping(port)) return;
    if (Date.now() > until) throw new Error(`redis-server on port ${port} did not answer PING`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let reply = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("error", () => done(false));
    socket.on("data", (d) => {
      reply += d.toString();
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
    socket.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
  });
}
