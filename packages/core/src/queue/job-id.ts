/**
 * A queue job id for an idempotency key: the hex SHA-256 of the key (64 characters, no `:`, which
 * BullMQ ids may not contain). Copies of one delivery get the same id, so a queue that de-duplicates
 * by id stores them once. Web Crypto, so it runs on every runtime core supports.
 *
 * @example
 * ```ts
 * await queueJobId("assemblyai:5551722-f677-48a6:completed"); // "3f1c…" (64 hex characters)
 * ```
 */
export async function queueJobId(idempotencyKey: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(idempotencyKey));
  let hex = "";
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
