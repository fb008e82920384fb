import { readFileSync } from "node:fs";
import { CliError } from "./exit-codes";

/**
 * Collects a repeatable `--header "Name: value"` into a record.
 *
 * @example
 * ```ts
 * collectHeader("X-Webhook-Token: abc", {}); // { "X-Webhook-Token": "abc" }
 * ```
 */
export function collectHeader(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const colon = value.indexOf(":");
  const name = colon > 0 ? value.slice(0, colon).trim() : "";
  if (!name || /\s/.test(name)) {
    throw new CliError(`--header expects "Name: value", got ${JSON.stringify(value)}`);
  }
  return { ...previous, [name]: value.slice(colon + 1).trim() };
}

/**
 * Collects a repeatable `--meta key=value` into a record.
 *
 * @example
 * ```ts
 * collectMeta("orderId=42", {}); // { orderId: "42" }
 * ```
 */
export function collectMeta(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf("=");
  if (eq <= 0) throw new CliError(`--meta expects key=value, got ${JSON.stringify(value)}`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

/**
 * Seconds from `30`, `30s`, `2m`, `1.5h`, `500ms`.
 *
 * @example
 * ```ts
 * seconds("2m", "--interval"); // 120
 * ```
 */
export function seconds(value: string, what: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(value);
  if (!m)
    throw new CliError(
      `${what} expects a duration such as 30s, 2m, 1h or a number of seconds, got ${JSON.stringify(value)}`,
    );
  const factor = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 }[(m[2] ?? "s").toLowerCase() as "s"];
  return Number(m[1]) * factor;
}

/**
 * A positive number option, e.g. `--speed 60`.
 *
 * @example
 * ```ts
 * positive("60", "--speed"); // 60
 * ```
 */
export function positive(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new CliError(`${what} expects a positive number, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * Reads `--payload file.json`: a JSON object shallow-merged over the provider's sample body.
 *
 * @example
 * ```ts
 * const extra = readPayloadFile("payload.json"); // { language_code: "en" }
 * ```
 */
export function readPayloadFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new CliError(`--payload: cannot read ${path}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CliError(`--payload: ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new CliError(
      `--payload: ${path} must hold a JSON object (its fields are merged over the sample body)`,
    );
  }
  return value as Record<string, unknown>;
}
