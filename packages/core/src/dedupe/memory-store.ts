import { parseBytes } from "../units";
import {
  type Claim,
  costOf,
  generation,
  MEMORY_STORE_DEFAULT_BYTES,
  MEMORY_STORE_ENTRY_BYTES,
  slotOf,
} from "./memory-store-entries";
import type { MemoryDedupeStore, MemoryStoreOptions } from "./memory-store-options";

export type { MemoryDedupeStore, MemoryStoreOptions } from "./memory-store-options";

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
  /** Drops a claim and its bytes. */
  const dropClaim = (key: string, claim: Claim) => {
    claims.delete(key);
    claimBytes -= claim.bytes;
  };
  const sweepClaims = (t: number) => {
    if (t < claimsSweepAt) return;
    let next = Number.POSITIVE_INFINITY;
    for (const [key, claim] of claims) {
      if (claim.expiresAt <= t) dropClaim(key, claim);
      else if (claim.expiresAt < next) next = claim.expiresAt;
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
      dropClaim(key, claim);
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
      if (claim) dropClaim(key, claim);
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
      if (claim?.owner === owner) dropClaim(key, claim);
    },
  };
}

/** `"3 h"`, `"2.5 d"`: a window length for the warning. */
function duration(ms: number): string {
  if (ms < 120_000) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 2 * 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}
