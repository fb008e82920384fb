import { hmac, timingSafeEqual } from "#crypto";
import { fromBase64, fromHex, toBase64, toHex } from "../encoding";
import { unauthorized } from "../errors";
import type { HmacAlgorithm } from "../primitives/crypto-types";

export type { HmacAlgorithm };
/**
 * How the signature bytes are written in the header.
 *
 * @example
 * ```ts
 * const encoding: SignatureEncoding = "base64"; // Azure and IBM; most others send "hex"
 * ```
 */
export type SignatureEncoding = "hex" | "base64" | "base64url";

/**
 * HMAC of one or more byte parts (hashed in order, as if concatenated), written in `encoding`.
 * Asynchronous, since Web Crypto is.
 *
 * @example
 * ```ts
 * await computeHmac("secret", [timestamp, ".", rawBody]); // hex sha256 by default
 * ```
 */
export async function computeHmac(
  secret: string | Uint8Array,
  data: string | Uint8Array | ReadonlyArray<string | Uint8Array>,
  algorithm: HmacAlgorithm = "sha256",
  encoding: SignatureEncoding = "hex",
): Promise<string> {
  return encodeSignature(await hmac(algorithm, secret, data), encoding);
}

/** Signature bytes written in an encoding. */
export function encodeSignature(bytes: Uint8Array, encoding: SignatureEncoding): string {
  return encoding === "hex" ? toHex(bytes) : toBase64(bytes, encoding === "base64url");
}

/**
 * Options of {@link verifyHmac}.
 *
 * @example
 * ```ts
 * const options: VerifyHmacOptions = { data: ctx.body, signature: ctx.header("x-signature"), secrets: process.env.SECRET!, prefix: "sha256=" };
 * ```
 */
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
 * Asynchronous, since Web Crypto is.
 *
 * @example
 * ```ts
 * await verifyHmac({ data: rawBody, signature: req.headers["x-signature"], secrets: [newSecret, oldSecret],
 *              prefix: "sha256=" }); // true or false
 * ```
 */
export async function verifyHmac(options: VerifyHmacOptions): Promise<boolean> {
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
    const expected = await hmac(algorithm, secret, options.data);
    // Every secret is tried, so the time taken does not say which one matched.
    if (timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}

/**
 * Like {@link verifyHmac}, but throws a 401 `WebhookError` (`signature_missing` or `signature_mismatch`)
 * whose message names the header, never a secret.
 *
 * @example
 * ```ts
 * await assertHmac({ data: body, signature: header("x-signature"), secrets }, "X-Signature");
 * ```
 */
export async function assertHmac(options: VerifyHmacOptions, headerName: string): Promise<void> {
  if (!options.signature?.trim())
    throw unauthorized("signature_missing", `The ${headerName} header is missing`);
  if (!(await verifyHmac(options))) {
    throw unauthorized(
      "signature_mismatch",
      `The ${headerName} signature does not match the body: check the secret, and that nothing re-encoded the body before scribehook`,
    );
  }
}

function decodeSignature(text: string, encoding: SignatureEncoding): Uint8Array | undefined {
  if (encoding === "hex") return text.length > 0 ? fromHex(text) : undefined;
  return text.length > 0 ? fromBase64(text) : undefined;
}

/** A secret or a rotation list, as a list. */
export function secretList<T>(secrets: T | ReadonlyArray<T>): readonly T[] {
  return (Array.isArray(secrets) ? secrets : [secrets]) as readonly T[];
}
