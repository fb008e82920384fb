// What the memory store keeps per key, and what it is estimated to cost (see memory-store.ts).

/** Default bound of {@link memoryStore}: 64 MiB. */
export const MEMORY_STORE_DEFAULT_BYTES = 64 * 1024 * 1024;

/**
 * Estimated heap bytes one key costs besides its characters: Map entry, expiry, string header (and a
 * claim's record and owner id). Measured on Node 20 as heap growth over 253 240 completed 65-character
 * keys: 136 bytes a key, 71 besides its characters; a live claim takes more (its record and owner
 * id), so the estimate is rounded up to 200.
 */
const MEMORY_STORE_ENTRY_BYTES = 200;

/** A live claim: who holds it, until when (ms), and its estimated bytes. */
export interface Claim {
  owner: string;
  expiresAt: number;
  bytes: number;
}

/**
 * Completed keys of one generation: key → expiry (ms). Generations are dropped whole, so forgetting
 * old keys costs no per-key work, and a full store does per delivery what an empty one does.
 */
export interface Generation {
  expiries: Map<string, number>;
  bytes: number;
  /** When its first key was completed, the earliest and the latest expiry in it. */
  firstStoredAt: number;
  firstExpiry: number;
  lastExpiry: number;
}

export const generation = (): Generation => ({
  expiries: new Map(),
  bytes: 0,
  firstStoredAt: Number.POSITIVE_INFINITY,
  firstExpiry: Number.POSITIVE_INFINITY,
  lastExpiry: Number.NEGATIVE_INFINITY,
});

/** Estimated bytes of one key: fixed overhead plus one byte per Latin-1 character, two otherwise. */
export function costOf(key: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the whole Latin-1 set
  return MEMORY_STORE_ENTRY_BYTES + (/[^\u0000-\u00ff]/.test(key) ? 2 : 1) * key.length;
}
