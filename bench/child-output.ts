import type { ChildProcess } from "node:child_process";

/**
 * The first capture group of the first stdout line of `child` that matches `pattern`; rejects when
 * the child exits first or nothing matches within `timeoutMs`.
 *
 * @example
 * ```ts
 * const port = Number(await firstLine(server, /^PORT (\d+)$/, 30_000));
 * ```
 */
export function firstLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms`)), timeoutMs);
    const onData = (d: Buffer) => {
      buffered += d.toString();
      for (const line of buffered.split("\n")) {
        const m = pattern.exec(line.trim());
        if (m) {
          clearTimeout(timer);
          child.stdout!.off("data", onData);
          resolve(m[1]!);
          return;
        }
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`process exited (${code}) before ${pattern}`));
    });
  });
}
