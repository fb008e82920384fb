/** Hash algorithms providers sign with. */
export type HmacAlgorithm = "sha256" | "sha1" | "sha512";

/** Bytes to hash: a text (as UTF-8), bytes, or several parts hashed in order as if concatenated. */
export type HashInput = string | Uint8Array | ReadonlyArray<string | Uint8Array>;
