import { unauthorized } from "../errors";
import { safeEqual } from "./safe-equal";

/**
 * Header name → the value it must have, or several accepted values (rotation).
 *
 * @example
 * ```ts
 * const expected: ExpectedHeaders = { "x-webhook-token": [process.env.NEW_TOKEN!, process.env.OLD_TOKEN!] };
 * ```
 */
export type ExpectedHeaders = Record<string, string | readonly string[]>;

/**
 * Checks that each expected header is present with exactly one of its accepted values, compared in
 * constant time. Header names are case-insensitive. Throws a 401 `WebhookError` (`header_missing` or
 * `header_mismatch`) naming the header, never the value. Asynchronous, since Web Crypto is.
 *
 * @example
 * ```ts
 * await verifyStaticHeaders({ "x-webhook-token": [current, previous] }, (name) => headers.get(name) ?? undefined);
 * ```
 */
export async function verifyStaticHeaders(
  expected: ExpectedHeaders,
  header: (name: string) => string | undefined,
): Promise<void> {
  for (const [name, accepted] of Object.entries(expected)) {
    const value = header(name);
    if (value === undefined || value === "")
      throw unauthorized("header_missing", `The ${name} header is missing`);
    let ok = false;
    for (const candidate of typeof accepted === "string" ? [accepted] : accepted) {
      if (await safeEqual(value, candidate)) ok = true;
    }
    if (!ok) throw unauthorized("header_mismatch", `The ${name} header does not have the configured value`);
  }
}
