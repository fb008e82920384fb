import { headerReader, headerText, type IncomingHeaders, type WebhookRequest } from "./http";

/** How a request's headers are read: a value (repeats joined with ", ") and how many times it was sent. */
export interface RequestHeaders {
  header: (name: string) => string | undefined;
  count: (name: string) => number;
}

/**
 * Reads a request's headers, case-insensitively, and counts how many times each was sent, both when
 * asked (only authenticating headers are counted).
 *
 * Node keeps only the first `Authorization` (and joins most other repeats with ", "), Fetch joins
 * every repeat with ", ". With Node's `rawHeaders` (the Node adapters pass it) the count is exact, and
 * `headers` is Node's own object, whose keys are lower-case, read in place. Otherwise a value containing
 * ", " counts as repeated (no authenticating header of any built-in scheme contains ", ", and
 * configured values may not).
 *
 * @example
 * ```ts
 * const { header, count } = requestHeaders({ method: "POST", url: "/", headers: req.headers, rawHeaders: req.rawHeaders });
 * count("authorization"); // 2 when it was sent twice
 * ```
 */
export function requestHeaders(request: Pick<WebhookRequest, "headers" | "rawHeaders">): RequestHeaders {
  const { headers, rawHeaders } = request;
  if (rawHeaders) {
    const node = headers as Record<string, string | string[] | number | undefined>;
    return {
      header: (name) => headerText(node[name.toLowerCase()]),
      count: (name) => countRaw(rawHeaders, name.toLowerCase()),
    };
  }
  return { header: headerReader(headers), count: headerCounter(headers) };
}

/** How many times `wanted` (lower-case) is named in Node's rawHeaders: name, value, name, value… */
function countRaw(raw: readonly string[], wanted: string): number {
  let n = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === wanted.length && name.toLowerCase() === wanted) n++;
  }
  return n;
}

/**
 * How many times a header was sent, from the headers alone: arrays by their length, a value joined
 * with ", " as repeated.
 *
 * @example
 * ```ts
 * headerCounter(new Headers([["x-token", "a"], ["x-token", "b"]]))("x-token"); // 2
 * ```
 */
export function headerCounter(headers: IncomingHeaders): (name: string) => number {
  if (typeof (headers as Headers).get === "function" && typeof (headers as Headers).has === "function") {
    const h = headers as Headers;
    return (name) => ofValue(h.get(name) ?? undefined);
  }
  const entries = (): Iterable<readonly [string, unknown]> =>
    Symbol.iterator in (headers as object) && Object.getPrototypeOf(headers) !== Object.prototype
      ? (headers as Iterable<readonly [string, string]>)
      : Object.entries(headers as Record<string, unknown>);
  return (name) => {
    const wanted = name.toLowerCase();
    let n = 0;
    for (const [key, value] of entries()) if (key.toLowerCase() === wanted) n += ofValue(value);
    return n;
  };
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
