/**
 * Outcome of {@link DedupeStore.claim}. `"full"`: the store has no room even after forgetting every
 * completed key, because live claims alone fill it (the receiver answers 503 and the provider retries).
 */
export type ClaimResult = "claimed" | "duplicate" | "in_progress" | "full";

/**
 * Where the receiver remembers which deliveries it has processed. A delivery's idempotency key is
 * first claimed (atomically: of concurrent claims exactly one wins), renewed while its handlers run,
 * then completed after they succeed, or released when they fail so the provider's retry can claim it
 * again. Any method may reject: the receiver then answers 503 and acknowledges nothing.
 *
 * The receiver hands a store bounded keys: an idempotency key longer than 200 characters arrives
 * as `sha256:<hex>` (see `storeKey()`), so a store need not bound keys itself.
 * `@scribehook/testing` exports `dedupeStoreContract()`, the suite every store must pass.
 *
 * @example
 * ```ts
 * const store: DedupeStore = memoryStore();
 * if ((await store.claim(key, owner, 60_000)) === "claimed") {
 *   const timer = setInterval(() => store.renew?.(key, owner, 60_000), 20_000);
 *   try { await run(); await store.complete(key, owner, 7 * 86_400_000); }
 *   catch (e) { await store.release(key, owner); throw e; }
 *   finally { clearInterval(timer); }
 * }
 * ```
 */
export interface DedupeStore {
  /**
   * Claims `key` for `owner` for at most `ttlMs` (so a crashed process cannot hold it for ever).
   * `"duplicate"` if the key was completed, `"in_progress"` if another owner holds a live claim,
   * `"full"` if a bounded store has no room (it must never make room by dropping a live claim).
   */
  claim(key: string, owner: string, ttlMs: number): Promise<ClaimResult>;
  /**
   * Extends `owner`'s live claim on `key` to `ttlMs` from now. `true` if it did; `false` if the
   * claim is gone (expired, released, completed, or since taken by another owner). The receiver
   * renews every `claimTtl / 3` while the handlers run, so only a dead process's claim expires.
   * Optional for backwards compatibility: without it the receiver warns once at creation, and a
   * handler slower than `claimTtl` can be run again by the provider's retry.
   */
  renew?(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Marks `key` as processed, remembered for `ttlMs`. */
  complete(key: string, owner: string, ttlMs: number): Promise<void>;
  /** Drops `owner`'s claim on `key` (and nothing else: a claim since taken by another owner stays). */
  release(key: string, owner: string): Promise<void>;
}
