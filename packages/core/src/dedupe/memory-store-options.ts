import type { DedupeStore } from "./store";

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Most memory the store's keys may take: bytes, or a string like `"16mb"` (estimated: 200 bytes a
   * key plus the key's characters; measured, a completed key takes about half that). Default 64 MiB
   * (`67_108_864`): up to ~250 000 keys of the usual length (~65 characters, 265 bytes each), and
   * never fewer than the newest ~125 000, so every delivery of a receiver taking up to ~18 000 a day
   * is remembered for the default 7-day `dedupeTtl`. Past it the oldest completed keys are forgotten
   * first, half the bound at a time (the dedupe window shrinks); a live claim never is. Besides the
   * keys, each of the two generations keeps four bytes of flags per key the bound holds (at most
   * 1 MiB), so a fresh key is looked up in the older generation only when its flag is set.
   */
  maxBytes?: number | string;
  /**
   * Called once, the first time the store forgets a completed key before its TTL ran out, with a
   * message saying how long the dedupe window still is. Default `console.warn`.
   */
  warn?: (message: string) => void;
  /** Clock in ms; for tests. */
  now?: () => number;
}

/**
 * What {@link memoryStore} returns: a `DedupeStore`, and what it holds right now.
 *
 * @example
 * ```ts
 * const store: MemoryDedupeStore = memoryStore();
 * console.log(`${store.size} keys, ${store.bytes} of ${store.maxBytes} bytes`);
 * ```
 */
export interface MemoryDedupeStore extends DedupeStore {
  renew(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Keys held (live claims and completed keys not yet expired or forgotten). */
  readonly size: number;
  /** Estimated bytes held, never above `maxBytes`. */
  readonly bytes: number;
  readonly maxBytes: number;
}
