import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const ENTRY = fileURLToPath(new URL("./webhook-app-process.ts", import.meta.url));
// The repository root: its tsconfig.json maps @scribehook/* to the sources, which tsx honours.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Settings of the child app (see webhook-app-process.ts for what each does). */
export interface AppProcessOptions {
  token: string;
  redisPort?: number;
  prefix?: string;
  claimTtl?: string;
  maxBodyBytes?: string;
  handlerDelayMs?: number;
  handlerHang?: boolean;
  /** Extra `node` flags, e.g. `["--max-semi-space-size=1"]`. */
  nodeArgs?: string[];
}

/** One line the child printed. */
export interface AppEvent {
  event: "listening" | "redis-ready" | "handler-started" | "handled" | "rejected";
  port?: number;
  jobId?: string;
  status?: number;
  code?: string;
}

/** A running receiver process. */
export interface AppProcess {
  readonly pid: number;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every event the child printed so far, in order. */
  readonly events: AppEvent[];
  /** Resolves with the first event (already seen or still to come) that `match` accepts. */
  waitFor(match: (e: AppEvent) => boolean): Promise<AppEvent>;
  /** How many handler runs completed for `jobId` (or in all). */
  handled(jobId?: string): number;
  /**
   * `GET /stats` of the child: handler runs, and memory in bytes (`maxRss`: peak since the last
   * reset). `{ gc: true }` collects garbage first (start the child with `nodeArgs: ["--expose-gc"]`).
   */
  stats(options?: {
    gc?: boolean;
  }): Promise<{ handled: number; rss: number; maxRss: number; heapUsed: number; external: number }>;
  /** Resets the child's peak RSS to its current RSS (Linux), for a clean baseline. */
  resetPeak(): Promise<void>;
  /** Kills the process with `signal` and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `test/support/webhook-app-process.ts` in its own Node process and resolves once it listens.
 *
 * @example
 * ```ts
 * const app = await startAppProcess({ token: "t", redisPort: redis.port, claimTtl: "2s" });
 * await fetch(`${app.url}/webhooks/assemblyai`, { method: "POST", headers, body });
 * expect(app.handled("job-1")).toBe(1);
 * await app.kill();
 * ```
 */
export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    APP_TOKEN: options.token,
  };
  if (options.redisPort !== undefined) env.APP_REDIS_PORT = String(options.redisPort);
  if (options.prefix) env.APP_PREFIX = options.prefix;
  if (options.claimTtl) env.APP_CLAIM_TTL = options.claimTtl;
  if (options.maxBodyBytes) env.APP_MAX_BODY = options.maxBodyBytes;
  if (options.handlerDelayMs) env.APP_HANDLER_DELAY_MS = String(options.handlerDelayMs);
  if (options.handlerHang) env.APP_HANDLER_HANG = "1";
  delete env.NODE_OPTIONS; // vitest's worker options are not for this process

  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", "tsx", ENTRY],
    {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const events: AppEvent[] = [];
  const waiters: { match: (e: AppEvent) => boolean; resolve: (e: AppEvent) => void }[] = [];
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    if (stderr.length < 20_000) stderr += d.toString();
  });
  createInterface({ input: child.stdout! }).on("line", (line) => {
    let e: AppEvent;
    try {
      e = JSON.parse(line);
    } catch {
      return;
    }
    events.push(e);
    for (const w of [...waiters]) {
      if (w.match(e)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  });
  const exited = new Promise<never>((_, reject) => {
    child.once("exit", (code, signal) =>
      reject(new Error(`app process exited (${code ?? signal}) before it was ready:\n${stderr}`)),
    );
  });
  exited.catch(() => {});

  const waitFor = (match: (e: AppEvent) => boolean) => {
    const seen = events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<AppEvent>((resolve) => waiters.push({ match, resolve }));
  };

  const listening = await Promise.race([waitFor((e) => e.event === "listening"), exited]);
  const url = `http://127.0.0.1:${listening.port}`;
  return {
    pid: child.pid!,
    url,
    events,
    waitFor,
    handled: (jobId) => events.filter((e) => e.event === "handled" && (!jobId || e.jobId === jobId)).length,
    async stats(options) {
      const res = await fetch(`${url}/stats${options?.gc ? "?gc=1" : ""}`);
      return res.json() as never;
    },
    async resetPeak() {
      const res = await fetch(`${url}/stats/reset-peak`, { method: "POST" });
      if (!res.ok) throw new Error(`reset-peak failed: ${res.status}`);
    },
    async kill(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once("exit", r));
      child.kill(signal);
      await gone;
    },
  };
}
