const BASE = "http://localhost";

/** Slash-separated segments of letters, digits, `-` and `_` (or `/` alone): `new URL()` keeps such a path as it is. */
const PLAIN_PATH = /^(?:(?:\/[\w-]+)+\/?|\/)$/;

/**
 * The path of a request target (`/a/b?c`, or an absolute URL), as `new URL(target, "http://localhost")`
 * resolves it. A plain path, the one every delivery has, is read without building a URL; anything
 * else (dots, percent escapes, `//`, an absolute URL) goes through `new URL()`.
 *
 * @example
 * ```ts
 * pathnameOf("/webhooks/assemblyai?sig=1"); // "/webhooks/assemblyai"
 * pathnameOf("/webhooks/../x");             // "/x"
 * ```
 */
export function pathnameOf(target: string): string {
  const query = target.indexOf("?");
  const path = query === -1 ? target : target.slice(0, query);
  return PLAIN_PATH.test(path) ? path : urlOf(target).pathname;
}

/**
 * The request target as a URL, resolved against `http://localhost`; one that does not parse is
 * `http://localhost/`, which routes nowhere.
 *
 * @example
 * ```ts
 * urlOf("/webhooks/azure?validationToken=abc").searchParams.get("validationToken"); // "abc"
 * ```
 */
export function urlOf(target: string): URL {
  try {
    return new URL(target, BASE);
  } catch {
    return new URL(`${BASE}/`);
  }
}
