/** Where a command writes, and what it reads: the real process by default, replaced in-process if needed. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Text styles; each is the identity function when colours are off. */
export interface Palette {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

/**
 * Colours only on a terminal: never when the output is piped or redirected, never with `NO_COLOR`
 * set (https://no-color.org) or `--no-color`, never on `TERM=dumb`. `FORCE_COLOR` (non-empty, not `0`)
 * turns them on off a terminal, but `NO_COLOR` still wins.
 *
 * @example
 * ```ts
 * const c = palette(process.stdout, process.env);
 * console.log(c.green("✓ accepted"));
 * ```
 */
export function palette(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flagAllows = true): Palette {
  const force = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0";
  const enabled = flagAllows && !env.NO_COLOR && env.TERM !== "dumb" && (stream.isTTY === true || force);
  const style = (name: keyof typeof CODES) => {
    const [open, close] = CODES[name];
    return enabled ? (text: string) => `\u001b[${open}m${text}\u001b[${close}m` : (text: string) => text;
  };
  return {
    enabled,
    bold: style("bold"),
    dim: style("dim"),
    red: style("red"),
    green: style("green"),
    yellow: style("yellow"),
    cyan: style("cyan"),
  };
}

/** Writes a line. */
export const println = (stream: NodeJS.WritableStream, text = "") => stream.write(`${text}\n`);
