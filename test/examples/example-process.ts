import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** A started example. */
export interface Started {
  child: ChildProcess;
  /** The line that said the example is ready. */
  ready: string;
  /** Every line it printed on stdout so far, colours dropped. */
  lines: readonly string[];
  /** Resolves when the example has printed a line matching `pattern` (already or still to come). */
  printed(pattern: RegExp): Promise<string>;
  /** Ends the example's whole process tree (npx → pnpm → runtime) and waits for it. */
  stop(): Promise<void>;
}

/** How to start an example; by default `pnpm --filter @scribehook/example-<name> start` from the root. */
export interface StartOptions {
  command?: string[];
  cwd?: string;
  env?: Record<string, string>;
  /** The line that says it is ready. Default `listening on <url>`. */
  ready?: RegExp;
}

/**
 * Starts an example with its one command, in its own process group, and resolves once it has printed
 * its ready line. Rejects with its output if it exits first.
 *
 * @example
 * ```ts
 * const app = await startExample("koa", { env: { PORT: "0" } });
 * const base = app.ready.slice("listening on ".length);
 * ```
 */
export async function startExample(example: string, options: StartOptions = {}): Promise<Started> {
  const [command, ...args] = options.command ?? [
    "npx",
    "-y",
    "pnpm@10",
    "--filter",
    `@scribehook/example-${example}`,
    "start",
  ];
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  delete env.NODE_OPTIONS; // vitest's worker options are not for the example
  const child = spawn(command!, args, {
    cwd: options.cwd ?? root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stderr!.on("data", (c) => {
    output += c;
  });
  // ANSI colours (wrangler, Next.js) are dropped so that patterns see plain text.
  createInterface({ input: child.stdout! }).on("line", (raw) => {
    const line = raw.replace(ANSI_COLOUR, "");
    output += `${line}\n`;
    lines.push(line);
    for (const w of waiting.filter((w) => w.pattern.test(line))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(line);
    }
  });
  const printed = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return resolve(seen);
      waiting.push({ pattern, resolve });
      child.once("exit", (code) =>
        reject(new Error(`${example} exited (${code}) before printing ${pattern}:\n${output}`)),
      );
    });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGTERM");
    await exited;
  };
  try {
    return { child, ready: await printed(options.ready ?? /^listening on /), lines, printed, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
