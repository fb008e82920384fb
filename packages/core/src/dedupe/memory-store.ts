import { parseBytes } from "../units";
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

/** Default bound of {@link memoryStore}: 64 MiB. */
const MEMORY_STORE_DEFAULT_BYTES = 64 * 1024 * 1024;

/**
 * Estimated heap bytes one key costs besides its characters: Map entry, expiry, string header (and a
 * claim's record and owner id). Measured on Node 20 as heap growth over 253 240 completed 65-character
 * keys: 136 bytes a key, 71 besides its characters; a live claim takes more (its record and owner
 * id), so the estimate is rounded up to 200.
 */
const MEMORY_STORE_ENTRY_BYTES = 200;

interface Claim {
  owner: string;
  expiresAt: number;
  bytes: number;
  /** The key's slot (see `slotOf`), worked out once. */
  slot: number;
}

/**
 * Completed keys of one generation: key → expiry (ms). Generations are dropped whole, so forgetting
 * old keys costs no per-key work, and a full store does per delivery what an empty one does.
 */
interface Generation {
  expiries: Map<string, number>;
  /**
   * One flag per slot of a key's hash: set when a key with that hash was completed in this
   * generation. A key whose slot is clear is not in it, so most fresh keys are never looked up in
   * the old generation's map: a full store then does per delivery what an empty one does.
   */
  marks: Uint8Array;
  bytes: number;
  /** When its first key was completed, the earliest and the latest expiry in it. */
  firstStoredAt: number;
  firstExpiry: number;
  lastExpiry: number;
}

const generation = (slots: number): Generation => ({
  expiries: new Map(),
  marks: new Uint8Array(slots),
  bytes: 0,
  firstStoredAt: Number.POSITIVE_INFINITY,
  firstExpiry: Number.POSITIVE_INFINITY,
  lastExpiry: Number.NEGATIVE_INFINITY,
});

/**
 * A slot for the key in a table of `slots` (a power of two): FNV-1a of its length and of up to 24
 * of its characters, evenly spaced. Two keys in one slot cost only a map lookup more.
 */
function slotOf(key: string, slots: number): number {
  let hash = 0x811c9dc5 ^ key.length;
  const step = Math.max(1, Math.floor(key.length / 24));
  for (let i = key.length - 1; i >= 0; i -= step) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) & (slots - 1);
}

/**
 * The default dedupe store: in this process's memory, bounded by bytes and expiring. Right for one
 * instance; behind a load balancer use `redisStore()` from `@scribehook/redis` so all instances share it.
 *
 * - Live claims and completed keys are kept apart. Completed keys live in two generations: new
 *   ones go to the young one; when it holds half of `maxBytes`, the old generation is forgotten and
 *   the young one becomes old. So the store always remembers at least the latest half of its bound,
 *   and when keys come faster than their TTL runs out, the oldest completed keys are forgotten first
 *   (a replay of one of them would run its handler again: the dedupe window shrinks, and the store
 *   says so once through `warn`). A live claim is never forgotten: when live claims alone fill the
 *   store, `claim()` answers `"full"` (the receiver answers 503 `store_full` and the provider retries).
 * - Every operation is O(1): a lookup reads two maps, expiry is checked on read, and a generation
 *   whose keys have all expired is dropped whole — a full store costs per delivery what an empty one does.
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
  const maxBytes =
    typeof options.maxBytes === "string"
      ? parseBytes(options.maxBytes, "memoryStore: maxBytes")
      : (options.maxBytes ?? MEMORY_STORE_DEFAULT_BYTES);
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
  // About four slots a key the bound can hold (at most 1 Mi: 1 MiB a generation), so few slots collide.
  const slots =
    2 ** Math.min(20, Math.max(10, Math.ceil(Math.log2((4 * maxBytes) / MEMORY_STORE_ENTRY_BYTES))));
  let young = generation(slots);
  let old = generation(slots);
  let warned = false;

  /** Forgets the old generation; the young one becomes old. Warns once if that loses unexpired keys. */
  const rotate = (t: number) => {
    if (old.expiries.size > 0 && old.lastExpiry > t && !warned) {
      warned = true;
      warn(
        `scribehook memoryStore: full at ${maxBytes} bytes, so it forgets the oldest completed deliveries before their dedupe TTL: a replay older than ${duration(t - young.firstStoredAt)} would run its handlers again. Raise maxBytes, or use a shared store such as redisStore(). (Said once.)`,
      );
    }
    old = young;
    young = generation(slots);
  };
  /** Drops what has expired, a generation at a time: memory holds at most two TTLs of keys. */
  const expire = (t: number) => {
    if (old.lastExpiry > t) return; // some old key is still remembered
    if (old.expiries.size > 0) old = generation(slots); // every old key has expired
    // Once young keys start to expire, they become old, to be forgotten in turn.
    if (young.firstExpiry <= t) {
      old = young;
      young = generation(slots);
    }
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
  const fits = (bytes: number) => claimBytes + young.bytes + old.bytes + bytes <= maxBytes;
  /** Makes room for `bytes` by forgetting completed keys, oldest generation first, then expired claims. */
  const makeRoom = (bytes: number, t: number): boolean => {
    // At most twice: the old generation goes, then the one that was young.
    while (!fits(bytes) && (old.expiries.size > 0 || young.expiries.size > 0)) rotate(t);
    if (fits(bytes)) return true;
    sweepClaims(t);
    return fits(bytes);
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
  const isCompleted = (key: string, slot: number, t: number): boolean => {
    // The young generation is the newer: its entry wins over an older one of the same key.
    let expiry = young.expiries.get(key);
    if (expiry === undefined && old.marks[slot] === 1) expiry = old.expiries.get(key);
    return expiry !== undefined && expiry > t;
  };

  return {
    get size() {
      return claims.size + young.expiries.size + old.expiries.size;
    },
    get bytes() {
      return claimBytes + young.bytes + old.bytes;
    },
    maxBytes,
    async claim(key, owner, ttlMs) {
      const t = now();
      expire(t);
      const slot = slotOf(key, slots);
      if (isCompleted(key, slot, t)) return "duplicate";
      if (liveClaim(key, t)) return "in_progress";
      const bytes = costOf(key);
      if (!makeRoom(bytes, t)) return "full";
      const expiresAt = t + ttlMs;
      claims.set(key, { owner, expiresAt, bytes, slot });
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
      const t = now();
      expire(t);
      const claim = claims.get(key);
      if (claim) {
        claims.delete(key);
        claimBytes -= claim.bytes;
      }
      const bytes = claim ? claim.bytes : costOf(key);
      // Room is made among completed keys only; if live claims fill the store, this key is not
      // remembered (forgetting a processed key beats forgetting a running one).
      if (!makeRoom(bytes, t)) return;
      const expiry = t + ttlMs;
      young.expiries.set(key, expiry);
      young.marks[claim ? claim.slot : slotOf(key, slots)] = 1;
      young.bytes += bytes;
      if (t < young.firstStoredAt) young.firstStoredAt = t;
      if (expiry < young.firstExpiry) young.firstExpiry = expiry;
      if (expiry > young.lastExpiry) young.lastExpiry = expiry;
      if (young.bytes * 2 >= maxBytes) rotate(t);
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
