/** Outcome of {@link DedupeStore.claim}. */
export type ClaimResult = "claimed" | "duplicate" | "in_progress";

/**
 * Where the receiver remembers which deliveries it has processed. A delivery's idempotency key is
 * first claimed (atomically: of concurrent claims exactly one wins), then completed after its
 * handlers succeed, or released when they fail so the provider's retry can claim it again.
 * Any method may reject: the receiver then answers 503 and acknowledges nothing.
 *
 * @example
 * ```ts
 * const store: DedupeStore = memoryStore();
 * if ((await store.claim(key, owner, 60_000)) === "claimed") {
 *   try { await run(); await store.complete(key, owner, 7 * 86_400_000); }
 *   catch (e) { await store.release(key, owner); throw e; }
 * }
 * ```
 */
export interface DedupeStore {
  /**
   * Claims `key` for `owner` for at most `ttlMs` (so a crashed process cannot hold it for ever).
   * `"duplicate"` if the key was completed, `"in_progress"` if another owner holds a live claim.
   */
  claim(key: string, owner: string, ttlMs: number): Promise<ClaimResult>;
  /** Marks `key` as processed, remembered for `ttlMs`. */
  complete(key: string, owner: string, ttlMs: number): Promise<void>;
  /** Drops `owner`'s claim on `key` (and nothing else: a claim since taken by another owner stays). */
  release(key: string, owner: string): Promise<void>;
}
