import type { HashInput, HmacAlgorithm } from "./crypto-types";
import { hmacSha256, sha256 as sha256Js } from "./sha256";

// The crypto primitives for every other runtime (package.json `imports` → `#crypto`, the default):
// Web Crypto (`crypto.subtle`), and a small SHA-256 for the two synchronous uses. Same API as
// crypto-node.ts.

const NAMES: Record<HmacAlgorithm, string> = { sha256: "SHA-256", sha1: "SHA-1", sha512: "SHA-512" };
const encoder = new TextEncoder();

const bytes = (value: string | Uint8Array): Uint8Array =>
  typeof value === "string" ? encoder.encode(value) : value;

/** The parts as one byte array (Web Crypto takes one buffer). */
function joined(data: HashInput): Uint8Array {
  if (typeof data === "string" || data instanceof Uint8Array) return bytes(data);
  const parts = data.map(bytes);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** HMAC of the input with Web Crypto. */
export async function hmac(
  algorithm: HmacAlgorithm,
  key: string | Uint8Array,
  data: HashInput,
): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    bytes(key) as Uint8Array<ArrayBuffer>,
    { name: "HMAC", hash: NAMES[algorithm] },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, joined(data) as Uint8Array<ArrayBuffer>));
}

/**
 * HMAC, synchronously: SHA-256 only (signing callback URLs, a synchronous API, is all that needs it).
 * Web Crypto has no synchronous call, so this one is computed in JavaScript.
 */
export function hmacSync(algorithm: HmacAlgorithm, key: string | Uint8Array, data: HashInput): Uint8Array {
  if (algorithm !== "sha256")
    throw new TypeError(`hmacSync: only sha256 is available here, not ${algorithm}`);
  return hmacSha256(bytes(key), joined(data));
}

/** SHA-256 of the input with Web Crypto. */
export async function sha256(data: string | Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes(data) as Uint8Array<ArrayBuffer>));
}

/** SHA-256, synchronously (short digests inside idempotency keys). */
export function sha256Sync(data: string | Uint8Array): Uint8Array {
  return sha256Js(bytes(data));
}

/**
 * True when both have the same bytes. Every byte is compared, whatever differs first, so the time
 * taken depends only on the length (callers compare digests of equal, public length).
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
