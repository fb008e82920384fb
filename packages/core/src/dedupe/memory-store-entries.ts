// What the memory store keeps per key, and what it is estimated to cost (see memory-store.ts).

/** Default bound of {@link memoryStore}: 64 MiB. */
export const MEMORY_STORE_DEFAULT_BYTES = 64 * 1024 * 1024;

/**
 * Estimated heap bytes one key costs besides its characters: Map entry, expiry, string header (and a
 * claim's record and owner id). Measured on Node 20 as heap growth over 253 240 completed 65-character
 * keys: 136 bytes a key, 71 besides its characters; a live claim takes more (its record and owner
 * id), so the estimate is rounded up to 200.
 */
export const MEMORY_STORE_ENTRY_BYTES = 200;

/** A live claim: who holds it, until when (ms), its estimated bytes and its slot. */
export interface Claim {
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
export interface Generation {
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

export const generation = (slots: number): Generation => ({
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
export function slotOf(key: string, slots: number): number {
  let hash = 0x811c9dc5 ^ key.length;
  const step = Math.max(1, Math.floor(key.length / 24));
  for (let i = key.length - 1; i >= 0; i -= step) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) & (slots - 1);
}

/** Estimated bytes of one key: fixed overhead plus one byte per Latin-1 character, two otherwise. */
export function costOf(key: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the whole Latin-1 set
  return MEMORY_STORE_ENTRY_BYTES + (/[^\u0000-\u00ff]/.test(key) ? 2 : 1) * key.length;
}
