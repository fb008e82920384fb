/** Idempotency keys longer than this are stored as their SHA-256. */
const MAX_STORED_KEY_LENGTH = 200;
const HASHED = "sha256:";

/**
 * The key a delivery is stored under: its idempotency key, or `sha256:<hex>` of it when it is longer
 * than 200 characters (a provider may send a 1 MB job id; stores keep keys bounded). A key that
 * already starts with `sha256:` is hashed too, so no short key can stand for a long one. Web Crypto
 * only, so it runs on edge runtimes as on Node.
 *
 * @example
 * ```ts
 * await storeKey("assemblyai:5551:completed"); // "assemblyai:5551:completed"
 * await storeKey(`assemblyai:${"x".repeat(1_000_000)}:completed`); // "sha256:9f2c…" (71 characters)
 * ```
 */
export async function storeKey(idempotencyKey: string): Promise<string> {
  if (idempotencyKey.length <= MAX_STORED_KEY_LENGTH && !idempotencyKey.startsWith(HASHED)) {
    return idempotencyKey;
  }
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(idempotencyKey));
  let hex = "";
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, "0");
  return HASHED + hex;
}
