import type { ClaimResult, DedupeStore } from "./store";

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /** Most keys kept; past it the oldest entries are dropped first. Default 100 000. */
  maxKeys?: number;
  /** Clock in ms; for tests. */
  now?: () => number;
}

interface Entry {
  /** `undefined` once completed. */
  owner: string | undefined;
  expiresAt: number;
}

/**
 * The default dedupe store: in this process's memory, bounded and expiring. Right for one instance;
 * behind a load balancer use `redisStore()` from `@scribehook/redis` so all instances share it.
 *
 * @example
 * ```ts
 * const hooks = transcriptionWebhook({ providers, store: memoryStore({ maxKeys: 10_000 }) });
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): DedupeStore & { readonly size: number } {
  const maxKeys = options.maxKeys ?? 100_000;
  // NaN or 0 would make the bound check never (or always) fire: an unbounded or useless store.
  if (!Number.isInteger(maxKeys) || maxKeys < 1) {
    throw new TypeError(`memoryStore: maxKeys must be a positive integer, got ${String(maxKeys)}`);
  }
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order, so its first keys are the oldest: eviction is O(1).
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  const set = (key: string, entry: Entry) => {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > maxKeys) {
      const oldest = entries.keys().next().value as string;
      entries.delete(oldest);
    }
  };

  return {
    get size() {
      return entries.size;
    },
    async claim(key, owner, ttlMs): Promise<ClaimResult> {
      const entry = live(key);
      if (entry) return entry.owner === undefined ? "duplicate" : "in_progress";
      set(key, { owner, expiresAt: now() + ttlMs });
      return "claimed";
    },
    async complete(key, _owner, ttlMs) {
      set(key, { owner: undefined, expiresAt: now() + ttlMs });
    },
    async release(key, owner) {
      if (entries.get(key)?.owner === owner) entries.delete(key);
    },
  };
}
