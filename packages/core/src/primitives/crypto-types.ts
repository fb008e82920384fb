/**
 * Hash algorithms providers sign with.
 *
 * @example
 * ```ts
 * const algorithm: HmacAlgorithm = "sha1"; // IBM; most providers use "sha256"
 * ```
 */
export type HmacAlgorithm = "sha256" | "sha1" | "sha512";

/** Bytes to hash: a text (as UTF-8), bytes, or several parts hashed in order as if concatenated. */
export type HashInput = string | Uint8Array | ReadonlyArray<string | Uint8Array>;
