let ownerPrefix: string | undefined;
let ownerCount = 0;

/**
 * A claim's owner: unique among every process sharing a store (a random prefix drawn once, on the
 * first delivery: edge runtimes allow no random values at module scope) and cheaper than a UUID each.
 *
 * @example
 * ```ts
 * const owner = ownerId(); // "3f9c…-…:1", then ":2", …
 * await store.claim(key, owner, 60_000);
 * ```
 */
export function ownerId(): string {
  ownerPrefix ??= crypto.randomUUID();
  return `${ownerPrefix}:${++ownerCount}`;
}
