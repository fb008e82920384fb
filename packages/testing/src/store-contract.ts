import type { DedupeStore } from "@scribehook/core";

/**
 * The assertion the contract needs: `expect(actual).toBe(expected)` (vitest, Jest, and alike).
 *
 * @example
 * ```ts
 * import { expect } from "vitest";
 * const check: ContractExpect = expect;
 * ```
 */
export type ContractExpect = (actual: unknown) => { toBe(expected: unknown): void };

/**
 * What {@link dedupeStoreContract} needs from your test framework, and about your store.
 *
 * @example
 * ```ts
 * import { describe, expect, it } from "vitest";
 * const options: DedupeStoreContractOptions = { describe, it, expect };
 * ```
 */
export interface DedupeStoreContractOptions {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void>): void;
  expect: ContractExpect;
  /**
   * For a store bounded in size: a fresh store with room for exactly `keys` keys of `keyLength`
   * characters. Leave it out for an unbounded store (the full-store cases are then not run).
   */
  bounded?(keys: number, keyLength: number): DedupeStore | Promise<DedupeStore>;
}

// Expiry is real time for Redis: TTLs are short, and waits are a margin past them.
const SHORT_TTL = 150;
const PAST_SHORT_TTL = 300;
const LONG_TTL = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A fresh key, always 57 characters, like the receiver's `<provider>:<job id>:<status>`. */
const key = () => `assemblyai:${crypto.randomUUID()}:completed`;
const KEY_LENGTH = key().length;

/**
 * The contract every `DedupeStore` must keep, as one suite of tests: the receiver's exactly-once
 * promise rests on it. Run it against your own store with your test framework's `describe`, `it`
 * and `expect`; `makeStore` gives a store holding no key of this run (keys are random, so a shared
 * Redis is fine). It covers atomic claims, completion, release and renew by owner only, expiry
 * (real time: about 5 s in all), keys of any length and character, and with `bounded`, what a
 * full store must do: forget the oldest completed keys, never a live claim, and answer `"full"`
 * only when live claims alone fill it.
 *
 * @example
 * ```ts
 * import { dedupeStoreContract } from "@scribehook/testing";
 * import { describe, expect, it } from "vitest";
 * import { myStore } from "../src/my-store";
 *
 * dedupeStoreContract("myStore()", () => myStore({ url: process.env.DB_URL }), { describe, it, expect });
 * ```
 */
export function dedupeStoreContract(
  name: string,
  makeStore: () => DedupeStore | Promise<DedupeStore>,
  options: DedupeStoreContractOptions,
): void {
  const { describe, it, expect } = options;
  const renew = (store: DedupeStore, k: string, owner: string, ttlMs: number) => {
    expect(typeof store.renew).toBe("function");
    return store.renew!(k, owner, ttlMs);
  };

  describe(`DedupeStore contract: ${name}`, () => {
    it("claims a new key, and refuses it to a second owner while the claim is live", async () => {
      const store = await makeStore();
      const k = key();
      expect(await store.claim(k, "a", LONG_TTL)).toBe("claimed");
      expect(await store.claim(k, "b", LONG_TTL)).toBe("in_progress");
      // The owner itself is not let in twice either: a claim is not re-entrant.
      expect(await store.claim(k, "a", LONG_TTL)).toBe("in_progress");
    });

    it("of 50 concurrent claims of one key, exactly one wins", async () => {
      const store = await makeStore();
      const k = key();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.claim(k, `owner-${i}`, LONG_TTL)),
      );
      expect(results.filter((r) => r === "claimed").length).toBe(1);
      expect(results.filter((r) => r === "in_progress").length).toBe(49);
    });

    it("keeps keys apart, including keys with separators, unicode and great length", async () => {
      const store = await makeStore();
      const base = key();
      const keys = [base, `${base}:x`, `${base} `, `${base}:ü✓`, `${base}:${"z".repeat(2000)}`];
      for (const k of keys) expect(await store.claim(k, "a", LONG_TTL)).toBe("claimed");
      await store.complete(keys[0]!, "a", LONG_TTL);
      expect(await store.claim(keys[0]!, "b", LONG_TTL)).toBe("duplicate");
      for (const k of keys.slice(1)) expect(await store.claim(k, "b", LONG_TTL)).toBe("in_progress");
    });

    it("takes a 1 MB key, and tells apart two 100 KB keys that differ in their last character", async () => {
      const store = await makeStore();
      const huge = `${key()}:${"j".repeat(1024 * 1024)}`;
      expect(await store.claim(huge, "a", LONG_TTL)).toBe("claimed");
      await store.complete(huge, "a", LONG_TTL);
      expect(await store.claim(huge, "b", LONG_TTL)).toBe("duplicate");
      const long = `${key()}:${"x".repeat(100 * 1024)}`;
      expect(await store.claim(`${long}1`, "a", LONG_TTL)).toBe("claimed");
      expect(await store.claim(`${long}2`, "a", LONG_TTL)).toBe("claimed");
    });

    it("a completed key is a duplicate for everyone, its former owner included", async () => {
      const store = await makeStore();
      const k = key();
      await store.claim(k, "a", LONG_TTL);
      await store.complete(k, "a", LONG_TTL);
      expect(await store.claim(k, "b", LONG_TTL)).toBe("duplicate");
      expect(await store.claim(k, "a", LONG_TTL)).toBe("duplicate");
    });

    it("a completed key outlives its claim's TTL: it lasts for the TTL given to complete()", async () => {
      const store = await makeStore();
      const k = key();
      await store.claim(k, "a", SHORT_TTL);
      await store.complete(k, "a", LONG_TTL);
      await sleep(PAST_SHORT_TTL);
      expect(await store.claim(k, "b", LONG_TTL)).toBe("duplicate");
    });

    it("a completed key is forgotten once its TTL has passed", async () => {
      const store = await makeStore();
      const k = key();
      await store.claim(k, "a", LONG_TTL);
      await store.complete(k, "a", SHORT_TTL);
      expect(await store.claim(k, "b", LONG_TTL)).toBe("duplicate");
      await sleep(PAST_SHORT_TTL);
      expect(await store.claim(k, "b", LONG_TTL)).toBe("claimed");
    });

    it("the owner's release frees the key for the next claim", async () => {
      const store = await makeStore();
      const k = key();
      await store.claim(k, "a", LONG_TTL);
      await store.release(k, "a");
      expect(await store.claim(k, "b", LONG_TTL)).toBe("claimed");
    });

    it("a release by anyone but the owner changes nothing", async () => {
      const store = await makeStore();
      const k = key();
      await store.claim(k, "a", LONG_TTL);
      await store.release(k, "b");
      expect(await store.claim(k, "c", LONG_TTL)).toBe("in_progress");
    });

    it("a release never forgets a completed key", async () => {
      const store = await makeStore();
      const k = key();
      await store.claim(k, "a", LONG_TTL);
      await store.complete(k, "a", LONG_TTL);
      await store.release(k, "a");
      await store.release(k, "b");
      expect(await store.claim(k, "c", LONG_TTL)).toBe("duplicate");
    });

    it("releasing a key nobody holds is harmless", async () => {
      const store = await makeStore();
      const k = key();
      expect(await store.release(k, "a")).toBe(undefined);
      expect(await store.claim(k, "a", LONG_TTL)).toBe("claimed");
    });

    it("a claim expires after its TTL, so a crashed owner cannot block the key for ever", async () => {
      const store = await makeStore();
      const k = key();
      await store.claim(k, "crashed", SHORT_TTL);
      expect(await store.claim(k, "b", LONG_TTL)).toBe("in_progress");
      await sleep(PAST_SHORT_TTL);
      expect(await store.claim(k, "b", LONG_TTL)).toBe("claimed");
    });

    it("a late release by an owner whose claim expired does not drop the new owner's claim", async () => {
      const store = await makeStore();
      const k = key();
      await store.claim(k, "slow", SHORT_TTL);
      await sleep(PAST_SHORT_TTL);
      expect(await store.claim(k, "next", LONG_TTL)).toBe("claimed");
      await store.release(k, "slow");
      expect(await store.claim(k, "third", LONG_TTL)).toBe("in_progress");
    });

    it("a late complete by an owner whose claim expired still marks the key processed", async () => {
      // Its handlers did run: from then on every delivery of the key is a duplicate.
      const store = await makeStore();
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

    it("renew keeps the owner's claim alive past its first TTL", async () => {
      const store = await makeStore();
      const k = key();
      await store.claim(k, "running", SHORT_TTL);
      expect(await renew(store, k, "running", LONG_TTL)).toBe(true);
      await sleep(PAST_SHORT_TTL);
      expect(await store.claim(k, "retry", LONG_TTL)).toBe("in_progress");
      expect(await renew(store, k, "running", LONG_TTL)).toBe(true);
    });

    it("renew by anyone but the owner answers false and changes nothing", async () => {
      const store = await makeStore();
      const k = key();
      await store.claim(k, "a", SHORT_TTL);
      expect(await renew(store, k, "b", LONG_TTL)).toBe(false);
      await sleep(PAST_SHORT_TTL);
      expect(await store.claim(k, "c", LONG_TTL)).toBe("claimed");
    });

    it("renew answers false once the claim is released, completed, or expired, and revives nothing", async () => {
      const store = await makeStore();
      const released = key();
      await store.claim(released, "a", LONG_TTL);
      await store.release(released, "a");
      expect(await renew(store, released, "a", LONG_TTL)).toBe(false);
      expect(await store.claim(released, "b", LONG_TTL)).toBe("claimed");

      const completed = key();
      await store.claim(completed, "a", LONG_TTL);
      await store.complete(completed, "a", LONG_TTL);
      expect(await renew(store, completed, "a", LONG_TTL)).toBe(false);
      expect(await store.claim(completed, "b", LONG_TTL)).toBe("duplicate");

      const expired = key();
      await store.claim(expired, "a", SHORT_TTL);
      await sleep(PAST_SHORT_TTL);
      expect(await renew(store, expired, "a", LONG_TTL)).toBe(false);
      expect(await store.claim(expired, "b", LONG_TTL)).toBe("claimed");
      expect(await renew(store, expired, "a", LONG_TTL)).toBe(false); // b's claim now
    });

    const { bounded } = options;
    if (!bounded) return;

    it("full: keeps accepting new deliveries, forgetting the oldest completed keys, never a live claim", async () => {
      const store = await bounded(4, KEY_LENGTH);
      const live = [key(), key()];
      for (const k of live) expect(await store.claim(k, "running", LONG_TTL)).toBe("claimed");
      const done: string[] = [];
      for (let i = 0; i < 50; i++) {
        const k = key();
        expect(await store.claim(k, "a", LONG_TTL)).toBe("claimed");
        await store.complete(k, "a", LONG_TTL);
        done.push(k);
        for (const l of live) expect(await store.claim(l, "retry", LONG_TTL)).toBe("in_progress");
      }
      // The newest completed key is remembered; the oldest was forgotten to make room.
      expect(await store.claim(done.at(-1)!, "b", LONG_TTL)).toBe("duplicate");
      expect(await store.claim(done[0]!, "b", LONG_TTL)).toBe("claimed");
    });

    it("full: answers full only when live claims alone fill it, and claims again once one is released", async () => {
      const store = await bounded(3, KEY_LENGTH);
      const live = [key(), key(), key()];
      for (const k of live) expect(await store.claim(k, "running", LONG_TTL)).toBe("claimed");
      const next = key();
      expect(await store.claim(next, "a", LONG_TTL)).toBe("full");
      for (const k of live) expect(await store.claim(k, "retry", LONG_TTL)).toBe("in_progress");
      await store.release(live[1]!, "running");
      expect(await store.claim(next, "a", LONG_TTL)).toBe("claimed");
    });
  });
}
