import type { IncomingHeaders } from "./http";

/** Node's `IncomingMessage#headersDistinct`: every header with each value it was sent with. */
export type DistinctHeaders = Record<string, readonly string[] | undefined>;

/**
 * How many times a header was sent. Node keeps only the first `Authorization` (and joins most other
 * repeats with ", "), Fetch joins every repeat with ", ": so the count is exact when the adapter
 * passes Node's `headersDistinct`, and otherwise a value containing ", " counts as repeated (no
 * authenticating header of any built-in scheme contains ", ", and configured values may not).
 *
 * @example
 * ```ts
 * const count = headerCounter(req.headers, req.headersDistinct);
 * count("authorization"); // 2 when it was sent twice
 * ```
 */
export function headerCounter(
  headers: IncomingHeaders,
  distinct?: DistinctHeaders,
): (name: string) => number {
  const counts = new Map<string, number>();
  const add = (key: string, n: number) => {
    const k = key.toLowerCase();
    counts.set(k, (counts.get(k) ?? 0) + n);
  };
  if (distinct) {
    for (const [k, v] of Object.entries(distinct)) if (Array.isArray(v)) add(k, v.length);
    return (name) => counts.get(name.toLowerCase()) ?? 0;
  }
  const ofValue = (v: unknown): number =>
    v === undefined || v === null
      ? 0
      : Array.isArray(v)
        ? v.reduce((n: number, item) => n + ofValue(item), 0)
        : String(v).includes(", ")
          ? 2
          : 1;
  if (typeof (headers as Headers).get === "function" && typeof (headers as Headers).has === "function") {
    const h = headers as Headers;
    return (name) => ofValue(h.get(name) ?? undefined);
  }
  const entries =
    Symbol.iterator in (headers as object) && Object.getPrototypeOf(headers) !== Object.prototype
      ? (headers as Iterable<readonly [string, string]>)
      : Object.entries(headers as Record<string, unknown>);
  for (const [k, v] of entries) add(k, ofValue(v));
  return (name) => counts.get(name.toLowerCase()) ?? 0;
}
