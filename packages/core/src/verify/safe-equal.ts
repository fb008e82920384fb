import { sha256, timingSafeEqual } from "#crypto";
import { utf8Bytes } from "../encoding";

/**
 * Compares two strings or byte arrays in constant time, whatever their lengths: both sides are
 * hashed to 32 bytes first, so neither the comparison nor an early length check leaks where they differ.
 * Asynchronous, since Web Crypto is.
 *
 * @example
 * ```ts
 * await safeEqual(request.headers.get("x-webhook-token") ?? "", env.AAI_TOKEN); // true or false
 * ```
 */
export async function safeEqual(a: string | Uint8Array, b: string | Uint8Array): Promise<boolean> {
  const ba = utf8Bytes(a);
  const bb = utf8Bytes(b);
  const [ha, hb] = await Promise.all([sha256(ba), sha256(bb)]);
  return timingSafeEqual(ha, hb) && ba.byteLength === bb.byteLength;
}
