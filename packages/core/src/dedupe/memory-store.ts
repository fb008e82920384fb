import type { ClaimResult, DedupeStore } from "./store";

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Most memory the store's keys may take, in bytes (estimated: 200 bytes a key plus the key's
   * characters). Default 64 MiB (`67_108_864`): about
   * 250 000 keys of the usual length (~65 characters, 265 bytes each), so every delivery of a
   * receiver taking up to ~36 000 a day is remembered for the default 7-day `dedupeTtl`. Past it the oldest completed keys are forgotten
   * first (the dedupe window shrinks); a live claim never is.
   */
  maxBytes?: number;
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

/** Default bound of {@link memoryStore}: 64 MiB. */
const MEMORY_STORE_DEFAULT_BYTES = 64 * 1024 * 1024;

/**
 * Estimated heap bytes one key costs besides its characters: Map slot, queue slots, string header
 * (and a claim's record and owner id). Measured on Node 20 as heap growth over 300 000 completed
 * keys: 114 bytes a key besides its characters; a live claim takes more (its record and owner id), so
 * the estimate is rounded up to 200.
 */
const MEMORY_STORE_ENTRY_BYTES = 200;

interface Claim {
  owner: string;
  expiresAt: number;
  bytes: number;
}

/** Queue slots dropped from the front before the array is copied down (amortised O(1)). */
const COMPACT_AFTER = 4096;

/**
 * The default dedupe store: in this process's memory, bounded by bytes and expiring. Right for one
 * instance; behind a load balancer use `redisStore()` from `@scribehook/redis` so all instances share it.
 *
 * - Live claims and completed keys are kept apart. When a new key does not fit, the oldest
 *   completed keys are forgotten first (a replay of one of them would run its handler again: the
 *   dedupe window shrinks, and the store says so once through `warn`). A live claim is never
 *   forgotten: when live claims alone fill the store, `claim()` answers `"full"` (the receiver
 *   answers 503 `store_full` and the provider retries).
 * - Every operation is O(1) amortised: completed keys sit in an insertion-ordered queue with a
 *   moving head, expiry is lazy (checked on read, and swept from the queue's head), so a full store
 *   costs per delivery what an empty one does.
 *
 * @example
 * ```ts
 * const hooks = transcriptionWebhook({ providers, store: memoryStore({ maxBytes: 16 * 1024 * 1024 }) });
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): MemoryDedupeStore {
  if ((options as { maxKeys?: unknown }).maxKeys !== undefined) {
    throw new TypeError(
      "memoryStore: maxKeys was replaced by maxBytes (a bound in bytes, default 64 MiB), e.g. memoryStore({ maxBytes: 16 * 1024 * 1024 })",
    );
  }
  const maxBytes = options.maxBytes ?? MEMORY_STORE_DEFAULT_BYTES;
  // NaN or 0 would make the bound check never (or always) fire: an unbounded or useless store.
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new TypeError(`memoryStore: maxBytes must be a positive integer, got ${String(maxBytes)}`);
  }
  const now = options.now ?? Date.now;
  const warn = options.warn ?? ((message: string) => console.warn(message));

  const claims = new Map<string, Claim>();
  let claimBytes = 0;
  /** No claim expires before this (a lower bound): sweeping claims earlier would find nothing. */
  let claimsSweepAt = Number.POSITIVE_INFINITY;

  // Completed keys in the order they were completed, as parallel arrays (no object per key: less
  // for the garbage collector to trace in a full store). `completed` maps a key to the sequence
  // number of its slot; a slot whose key was since completed again or expired on read stays until
  // the head reaches it, still counted in `queueBytes`: its memory is held until then.
  const completed = new Map<string, number>();
  let keys: string[] = [];
  let expiries: number[] = [];
  let stored: number[] = [];
  let sizes: number[] = [];
  let head = 0;
  /** Sequence number of slot 0 (the arrays are copied down from time to time). */
  let base = 0;
  let queueBytes = 0;
  let warned = false;

  /** Drops the queue's oldest slot; returns when it was completed if its key was still remembered. */
  const dropHead = (): number | undefined => {
    const key = keys[head]!;
    const storedAt = stored[head]!;
    const remembered = completed.get(key) === base + head;
    if (remembered) completed.delete(key);
    queueBytes -= sizes[head]!;
    keys[head] = ""; // let the key be collected
    head++;
    if (head >= COMPACT_AFTER && head * 2 >= keys.length) {
      keys = keys.slice(head);
      expiries = expiries.slice(head);
      stored = stored.slice(head);
      sizes = sizes.slice(head);
      base += head;
      head = 0;
    }
    return remembered ? storedAt : undefined;
  };

  /** Drops expired completed keys from the queue's head (keys usually share one TTL, so in order). */
  const sweepCompleted = (t: number) => {
    while (head < keys.length && expiries[head]! <= t) dropHead();
  };

  const sweepClaims = (t: number) => {
    if (t < claimsSweepAt) return;
    let next = Number.POSITIVE_INFINITY;
    for (const [key, claim] of claims) {
      if (claim.expiresAt <= t) {
        claims.delete(key);
        claimBytes -= claim.bytes;
      } else if (claim.expiresAt < next) next = claim.expiresAt;
    }
    claimsSweepAt = next;
  };

  /** Forgets the oldest completed keys until `bytes` more fit; false if live claims alone leave no room. */
  const makeRoom = (bytes: number, t: number): boolean => {
    sweepCompleted(t);
    while (claimBytes + queueBytes + bytes > maxBytes && head < keys.length) {
      const unexpired = expiries[head]! > t;
      const storedAt = dropHead();
      if (storedAt !== undefined && unexpired && !warned) {
        warned = true;
        warn(
          `scribehook memoryStore: full at ${maxBytes} bytes, so it forgets the oldest completed deliveries ` +
            `before their dedupe TTL: a replay older than ${duration(t - storedAt)} would run its handlers ` +
            "again. Raise maxBytes, or use a shared store such as redisStore(). (Said once.)",
        );
      }
    }
    if (claimBytes + queueBytes + bytes <= maxBytes) return true;
    sweepClaims(t);
    return claimBytes + queueBytes + bytes <= maxBytes;
  };

  const liveClaim = (key: string, t: number): Claim | undefined => {
    const claim = claims.get(key);
    if (claim && claim.expiresAt <= t) {
      claims.delete(key);
      claimBytes -= claim.bytes;
      return undefined;
    }
    return claim;
  };

  const isCompleted = (key: string, t: number): boolean => {
    const seq = completed.get(key);
    if (seq === undefined) return false;
    if (expiries[seq - base]! > t) return true;
    completed.delete(key); // its bytes stay counted until the queue's head passes it
    return false;
  };

  return {
    get size() {
      return claims.size + completed.size;
    },
    get bytes() {
      return claimBytes + queueBytes;
    },
    maxBytes,
    async claim(key, owner, ttlMs): Promise<ClaimResult> {
      const t = now();
      if (isCompleted(key, t)) return "duplicate";
      if (liveClaim(key, t)) return "in_progress";
      const bytes = costOf(key);
      if (!makeRoom(bytes, t)) return "full";
      const expiresAt = t + ttlMs;
      claims.set(key, { owner, expiresAt, bytes });
      claimBytes += bytes;
      if (expiresAt < claimsSweepAt) claimsSweepAt = expiresAt;
      return "claimed";
    },
    async renew(key, owner, ttlMs) {
      const t = now();
      const claim = liveClaim(key, t);
      if (!claim || claim.owner !== owner) return false;
      claim.expiresAt = t + ttlMs;
      if (claim.expiresAt < claimsSweepAt) claimsSweepAt = claim.expiresAt;
      return true;
    },
    async complete(key, _owner, ttlMs) {
      // Whoever holds the claim now: the handlers ran, so the key is processed.
      const t = now();
      const claim = claims.get(key);
      if (claim) {
        claims.delete(key);
        claimBytes -= claim.bytes;
      }
      const bytes = claim ? claim.bytes : costOf(key);
      // Room is made among completed keys only; if live claims fill the store, this key is not
      // remembered (forgetting a processed key beats forgetting a running one).
      if (!makeRoom(bytes, t)) return;
      completed.set(key, base + keys.length);
      keys.push(key);
      expiries.push(t + ttlMs);
      stored.push(t);
      sizes.push(bytes);
      queueBytes += bytes;
    },
    async release(key, owner) {
      const claim = claims.get(key);
      if (claim?.owner === owner) {
        claims.delete(key);
        claimBytes -= claim.bytes;
      }
    },
  };
}

/** Estimated bytes of one key: fixed overhead plus one byte per Latin-1 character, two otherwise. */
function costOf(key: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the whole Latin-1 set
  return MEMORY_STORE_ENTRY_BYTES + (/[^\u0000-\u00ff]/.test(key) ? 2 : 1) * key.length;
}

/** `"3 h"`, `"2.5 d"`: a window length for the warning. */
function duration(ms: number): string {
  if (ms < 120_000) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 2 * 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}
