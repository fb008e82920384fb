import { createHmac, timingSafeEqual } from "node:crypto";
import { unauthorized } from "../errors";

/** Hash algorithms providers sign with. */
export type HmacAlgorithm = "sha256" | "sha1" | "sha512";
/** How the signature bytes are written in the header. */
export type SignatureEncoding = "hex" | "base64" | "base64url";

/**
 * HMAC of one or more byte parts (hashed in order, without concatenating them first).
 *
 * @example
 * ```ts
 * computeHmac("secret", [timestamp, ".", rawBody]); // hex sha256 by default
 * ```
 */
export function computeHmac(
  secret: string | Uint8Array,
  data: string | Uint8Array | ReadonlyArray<string | Uint8Array>,
  algorithm: HmacAlgorithm = "sha256",
  encoding: SignatureEncoding = "hex",
): string {
  return hmacBytes(secret, data, algorithm).toString(encoding);
}

function hmacBytes(
  secret: string | Uint8Array,
  data: string | Uint8Array | ReadonlyArray<string | Uint8Array>,
  algorithm: HmacAlgorithm,
): Buffer {
  const mac = createHmac(algorithm, secret);
  if (typeof data === "string" || data instanceof Uint8Array) mac.update(data);
  else for (const part of data) mac.update(part);
  return mac.digest();
}

/** Options of {@link verifyHmac}. */
export interface VerifyHmacOptions {
  /** The exact bytes that were signed (the raw body, or its parts such as `[timestamp, ".", body]`). */
  data: string | Uint8Array | ReadonlyArray<string | Uint8Array>;
  /** The signature as received (header value); `undefined` or empty fails. */
  signature: string | undefined;
  /** One secret, or several during a rotation: any may match. */
  secrets: string | Uint8Array | ReadonlyArray<string | Uint8Array>;
  algorithm?: HmacAlgorithm;
  encoding?: SignatureEncoding;
  /** Text before the signature, such as `"sha256="`; compared case-insensitively and removed. */
  prefix?: string;
}

/**
 * Checks an HMAC signature over the exact raw bytes, in constant time, against every secret given.
 * A signature of the wrong length or encoding is simply a mismatch, never an exception. An empty
 * secret never matches, so an unset environment variable cannot turn verification into a formality.
 *
 * @example
 * ```ts
 * verifyHmac({ data: rawBody, signature: req.headers["x-signature"], secrets: [newSecret, oldSecret],
 *              prefix: "sha256=" }); // true or false
 * ```
 */
export function verifyHmac(options: VerifyHmacOptions): boolean {
  const { algorithm = "sha256", encoding = "hex", prefix = "" } = options;
  let signature = options.signature?.trim();
  if (!signature) return false;
  if (prefix) {
    if (signature.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return false;
    signature = signature.slice(prefix.length);
  }
  const given = decodeSignature(signature, encoding);
  if (!given) return false;
  let ok = false;
  for (const secret of secretList(options.secrets)) {
    // An empty key (an unset environment variable) is one anybody can sign with: it never matches.
    if (secret === undefined || secret === null || secret.length === 0) continue;
    const expected = hmacBytes(secret, options.data, algorithm);
    // Every secret is tried, so the time taken does not say which one matched.
    if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}

/**
 * Like {@link verifyHmac}, but throws a 401 `WebhookError` (`signature_missing` or `signature_mismatch`)
 * whose message names the header, never a secret.
 *
 * @example
 * ```ts
 * assertHmac({ data: body, signature: header("x-signature"), secrets }, "X-Signature");
 * ```
 */
export function assertHmac(options: VerifyHmacOptions, headerName: string): void {
  if (!options.signature?.trim())
    throw unauthorized("signature_missing", `The ${headerName} header is missing`);
  if (!verifyHmac(options)) {
    throw unauthorized(
      "signature_mismatch",
      `The ${headerName} signature does not match the body: check the secret, and that nothing re-encoded the body before scribehook`,
    );
  }
}

function decodeSignature(text: string, encoding: SignatureEncoding): Buffer | undefined {
  if (encoding === "hex")
    return /^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0 ? Buffer.from(text, "hex") : undefined;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, encoding === "base64url" ? "base64url" : "base64");
}

/** A secret or a rotation list, as a list. */
export function secretList<T>(secrets: T | ReadonlyArray<T>): T[] {
  return (Array.isArray(secrets) ? [...secrets] : [secrets]) as T[];
}
