import { randomUUID } from "node:crypto";
import type { DedupeStore } from "@scribehook/core";
import { describe, expect, it } from "vitest";

/** What a contract run needs: a fresh store per test, and a way to let real time pass. */
export interface StoreContractSubject {
  /** A store with no keys of this test's run; may be async (e.g. after a Redis FLUSHDB). */
  create(): DedupeStore | Promise<DedupeStore>;
}

// Expiry is real time for Redis: TTLs are short, and waits are a margin past them.
const SHORT_TTL = 150;
const PAST_SHORT_TTL = 300;
const LONG_TTL = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const key = () => `assemblyai:${randomUUID()}:completed`;

/**
 * The `DedupeStore` contract every store must keep, as one suite run against each implementation
 * (`memoryStore()` and `redisStore()`): the receiver's exactly-once promise rests on it.
 *
 * @example
 * ```ts
 * describeStoreContract("memoryStore", { create: () => memoryStore() });
 * ```
 */
export function describeStoreContract(name: string, subject: StoreContractSubject): void {
  describe(`DedupeStore contract: ${name}`, () => {
    it("claims a new key, and refuses it to a second owner while the claim is live", async () => {
      const store = await subject.create();
      const k = key();
      expect(await store.claim(k, "a", LONG_TTL)).toBe("claimed");
      expect(await store.claim(k, "b", LONG_TTL)).toBe("in_progress");
      // The owner itself is not let in twice either: a claim is not re-entrant.
      expect(await store.claim(k, "a", LONG_TTL)).toBe("in_progress");
    });

    it("of 50 concurrent claims of one key, exactly one wins", async () => {
      const store = await subject.create();
      const k = key();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.claim(k, `owner-${i}`, LONG_TTL)),
      );
      expect(results.filter((r) => r === "claimed")).toHaveLength(1);
      expect(results.filter((r) => r === "in_progress")).toHaveLength(49);
    });

    it("keeps keys apart, including keys with separators, unicode and great length", async () => {
      const store = await subject.create();
      const base = key();
      const keys = [base, `${base}:x`, `${base} `, `${base}:ü✓`, `${base}:${"z".repeat(2000)}`];
      for (const k of keys) expect(await store.claim(k, "a", LONG_TTL)).toBe("claimed");
      await store.complete(keys[0]!, "a", LONG_TTL);
      expect(await store.claim(keys[0]!, "b", LONG_TTL)).toBe("duplicate");
      for (const k of keys.slice(1)) expect(await store.claim(k, "b", LONG_TTL)).toBe("in_progress");
    });

    it("a completed key is a duplicate for everyone, its former owner included", async () => {
      const store = await subject.create();
      const k = key();
      await store.claim(k, "a", LONG_TTL);
      await store.complete(k, "a", LONG_TTL);
      expect(await store.claim(k, "b", LONG_TTL)).toBe("duplicate");
      expect(await store.claim(k, "a", LONG_TTL)).toBe("duplicate");
    });

    it("a completed key outlives its claim's TTL: it lasts for the TTL given to complete()", async () => {
      const store = await subject.create();
      const k = key();
      await store.claim(k, "a", SHORT_TTL);
      await store.complete(k, "a", LONG_TTL);
      await sleep(PAST_SHORT_TTL);
      expect(await store.claim(k, "b", LONG_TTL)).toBe("duplicate");
    });

    it("a completed key is forgotten once its TTL has passed", async () => {
      const store = await subject.create();
      const k = key();
      await store.claim(k, "a", LONG_TTL);
      await store.complete(k, "a", SHORT_TTL);
      expect(await store.claim(k, "b", LONG_TTL)).toBe("duplicate");
      await sleep(PAST_SHORT_TTL);
      expect(await store.claim(k, "b", LONG_TTL)).toBe("claimed");
    });

    it("the owner's release frees the key for the next claim", async () => {
      const store = await subject.create();
      const k = key();
      await store.claim(k, "a", LONG_TTL);
      await store.release(k, "a");
      expect(await store.claim(k, "b", LONG_TTL)).toBe("claimed");
    });

    it("a release by anyone but the owner changes nothing", async () => {
      const store = await subject.create();
      const k = key();
      await store.claim(k, "a", LONG_TTL);
      await store.release(k, "b");
      expect(await store.claim(k, "c", LONG_TTL)).toBe("in_progress");
    });

    it("a release never forgets a completed key", async () => {
      const store = await subject.create();
      const k = key();
      await store.claim(k, "a", LONG_TTL);
      await store.complete(k, "a", LONG_TTL);
      await store.release(k, "a");
      await store.release(k, "b");
      expect(await store.claim(k, "c", LONG_TTL)).toBe("duplicate");
    });

    it("releasing a key nobody holds is harmless", async () => {
      const store = await subject.create();
      const k = key();
      await expect(store.release(k, "a")).resolves.toBeUndefined();
      expect(await store.claim(k, "a", LONG_TTL)).toBe("claimed");
    });

    it("a claim expires after its TTL, so a crashed owner cannot block the key for ever", async () => {
      const store = await subject.create();
      const k = key();
      await store.claim(k, "crashed", SHORT_TTL);
      expect(await store.claim(k, "b", LONG_TTL)).toBe("in_progress");
      await sleep(PAST_SHORT_TTL);
      expect(await store.claim(k, "b", LONG_TTL)).toBe("claimed");
    });

    it("a late release by an owner whose claim expired does not drop the new owner's claim", async () => {
      const store = await subject.create();
      const k = key();
      await store.claim(k, "slow", SHORT_TTL);
      await sleep(PAST_SHORT_TTL);
      expect(await store.claim(k, "next", LONG_TTL)).toBe("claimed");
      await store.release(k, "slow");
      expect(await store.claim(k, "third", LONG_TTL)).toBe("in_progress");
    });

    it("a late complete by an owner whose claim expired still marks the key processed", async () => {
      // Its handlers did run: from then on every delivery of the key is a duplicate.
      const store = await subject.create();
      const k = key();
      await store.claim(k, "slow", SHORT_TTL);
      await sleep(PAST_SHORT_TTL);
      expect(await store.claim(k, "next", LONG_TTL)).toBe("claimed");
      await store.complete(k, "slow", LONG_TTL);
      expect(await store.claim(k, "third", LONG_TTL)).toBe("duplicate");
      // …and the other owner's failure afterwards does not undo it.
      await store.release(k, "next");
      expect(await store.claim(k, "third", LONG_TTL)).toBe("duplicate");
    });
  });
}
