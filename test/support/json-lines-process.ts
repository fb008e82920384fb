import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

// The repository root: its tsconfig.json maps @scribehook/* to the sources, which tsx honours.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** One JSON line a child printed. */
export type Line = { event: string } & Record<string, any>;

/** A running `node --import tsx` child that reports on stdout, one JSON object per line. */
export interface JsonLinesProcess {
  readonly pid: number;
  /** Every line the child printed so far, in order. */
  readonly lines: Line[];
  /** The lines of one `event` kind. */
  all(event: string): Line[];
  /** Resolves with the first line (already seen or still to come) that `match` accepts; rejects if the child exits first. */
  waitFor(match: (line: Line) => boolean, what?: string): Promise<Line>;
  /** Sends `signal` and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `entry` (a path relative to the repository root) with `env` added to this process's
 * environment, and resolves once it printed `{"event":"ready"}`.
 *
 * @example
 * ```ts
 * const worker = await startJsonLinesProcess("test/support/bullmq-worker-process.ts", { REDIS_PORT: "6380" });
 * await worker.waitFor((l) => l.event === "handled" && l.jobId === "j-1");
 * await worker.kill("SIGKILL");
 * ```
 */
export async function startJsonLinesProcess(
  entry: string,
  env: Record<string, string>,
): Promise<JsonLinesProcess> {
  const childEnv: Record<string, string> = { ...(process.env as Record<string, string>), ...env };
  delete childEnv.NODE_OPTIONS; // vitest's worker options are not for this process
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: ROOT,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Line[] = [];
  const waiters: { match: (l: Line) => boolean; resolve: (l: Line) => void }[] = [];
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    if (stderr.length < 20_000) stderr += d.toString();
  });
  createInterface({ input: child.stdout! }).on("line", (text) => {
    let line: Line;
    try {
      line = JSON.parse(text);
    } catch {
      return;
    }
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.match(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<never>((_, reject) => {
    child.once("exit", (code, signal) =>
      reject(new Error(`${entry} exited (${code ?? signal}):\n${stderr}`)),
    );
  });
  exited.catch(() => {});
  const waitFor = (match: (l: Line) => boolean) => {
    const seen = lines.find(match);
    if (seen) return Promise.resolve(seen);
    return Promise.race([new Promise<Line>((resolve) => waiters.push({ match, resolve })), exited]);
  };
  await waitFor((l) => l.event === "ready");
  return {
    pid: child.pid!,
    lines,
    all: (event) => lines.filter((l) => l.event === event),
    waitFor,
    async kill(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once("exit", r));
      child.kill(signal);
      await gone;
    },
  };
}
