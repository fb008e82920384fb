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
  // Counted when asked (only authenticating headers are), not for every header of every request.
  if (distinct)
    return (name) => countIn(Object.entries(distinct), name, (v) => (Array.isArray(v) ? v.length : 0));
  if (typeof (headers as Headers).get === "function" && typeof (headers as Headers).has === "function") {
    const h = headers as Headers;
    return (name) => ofValue(h.get(name) ?? undefined);
  }
  const entries = (): Iterable<readonly [string, unknown]> =>
    Symbol.iterator in (headers as object) && Object.getPrototypeOf(headers) !== Object.prototype
      ? (headers as Iterable<readonly [string, string]>)
      : Object.entries(headers as Record<string, unknown>);
  return (name) => countIn(entries(), name, ofValue);
}

/** Sum of `count(value)` over the entries named `name`, whatever the case of their names. */
function countIn(
  entries: Iterable<readonly [string, unknown]>,
  name: string,
  count: (value: unknown) => number,
): number {
  const wanted = name.toLowerCase();
  let n = 0;
  for (const [key, value] of entries) if (key.toLowerCase() === wanted) n += count(value);
  return n;
}

/** How many values one header entry holds: a list counts each, a Fetch-joined ", " counts as two. */
const ofValue = (v: unknown): number =>
  v === undefined || v === null
    ? 0
    : Array.isArray(v)
      ? v.reduce((n: number, item) => n + ofValue(item), 0)
      : String(v).includes(", ")
        ? 2
        : 1;
