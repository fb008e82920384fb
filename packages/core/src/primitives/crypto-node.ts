import { createHash, createHmac, timingSafeEqual as nodeTimingSafeEqual } from "node:crypto";
import type { HashInput, HmacAlgorithm } from "./crypto-types";

// The crypto primitives for Node (package.json `imports` → `#crypto`, condition "node"): node:crypto
// hashes the parts of a body without joining them, and answers at once. Same API as crypto-web.ts.

/** HMAC of the input; a Promise so that Web Crypto can stand in. */
export async function hmac(algorithm: HmacAlgorithm, key: string | Uint8Array, data: HashInput) {
  return hmacSync(algorithm, key, data);
}

/** HMAC, synchronously (for signing callback URLs, which is not a request path). */
export function hmacSync(algorithm: HmacAlgorithm, key: string | Uint8Array, data: HashInput): Uint8Array {
  const mac = createHmac(algorithm, key);
  if (typeof data === "string" || data instanceof Uint8Array) mac.update(data);
  else for (const part of data) mac.update(part);
  return mac.digest();
}

/** SHA-256 of the input. */
export async function sha256(data: string | Uint8Array): Promise<Uint8Array> {
  return sha256Sync(data);
}

/** SHA-256, synchronously (short digests inside idempotency keys). */
export function sha256Sync(data: string | Uint8Array): Uint8Array {
  return createHash("sha256").update(data).digest();
}

/** True when both have the same bytes; the time taken depends only on the length. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && nodeTimingSafeEqual(a, b);
}
