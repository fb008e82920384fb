import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares two strings or byte arrays in constant time, whatever their lengths: both sides are
 * hashed to 32 bytes first, so neither the comparison nor an early length check leaks where they differ.
 *
 * @example
 * ```ts
 * safeEqual(req.headers["x-webhook-token"] ?? "", process.env.AAI_TOKEN!); // true or false
 * ```
 */
export function safeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb) && byteLength(a) === byteLength(b);
}

const byteLength = (v: string | Uint8Array) => (typeof v === "string" ? Buffer.byteLength(v) : v.byteLength);
