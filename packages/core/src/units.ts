const BYTE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const MS_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Bytes from a number or a string such as `"20mb"`, `"512kb"`, `"1.5 MB"`.
 *
 * @example
 * ```ts
 * parseBytes("20mb"); // 20971520
 * ```
 */
export function parseBytes(value: number | string, what = "size"): number {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return Math.floor(value);
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(String(value));
  if (!m)
    throw new TypeError(
      `${what}: expected a number of bytes or a string like "20mb", got ${JSON.stringify(value)}`,
    );
  return Math.floor(Number(m[1]) * BYTE_UNITS[(m[2] ?? "b").toLowerCase()]!);
}

/**
 * Milliseconds from a number of **milliseconds** or a string such as `"500ms"`, `"30s"`, `"5m"`,
 * `"2h"`, `"14d"`, `"1w"`. Every duration option of scribehook goes through it, so all follow this
 * one convention.
 *
 * @example
 * ```ts
 * parseDuration("14d");  // 1209600000
 * parseDuration("30s");  // 30000
 * parseDuration(1500);   // 1500
 * ```
 */
export function parseDuration(value: number | string, what = "duration"): number {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/i.exec(String(value));
  if (!m)
    throw new TypeError(
      `${what}: expected milliseconds or a string like "500ms", "30s", "5m", "14d", got ${JSON.stringify(value)}`,
    );
  return Number(m[1]) * MS_UNITS[m[2]!.toLowerCase()]!;
}
