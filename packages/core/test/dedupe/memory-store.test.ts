import { describe, expect, it } from "vitest";
import { memoryStore } from "../../src/index";

function clock(start = 1_000_000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("memoryStore", () => {
  it("claims a new key, then answers in_progress to other owners until completed, then duplicate", async () => {
    const store = memoryStore();
    expect(await store.claim("k", "a", 60_000)).toBe("claimed");
    expect(await store.claim("k", "b", 60_000)).toBe("in_progress");
    expect(await store.claim("k", "a", 60_000)).toBe("in_progress");
    await store.complete("k", "a", 60_000);
    expect(await store.claim("k", "b", 60_000)).toBe("duplicate");
  });
  it("keeps keys independent", async () => {
    const store = memoryStore();
    expect(await store.claim("k1", "a", 1000)).toBe("claimed");
    expect(await store.claim("k2", "a", 1000)).toBe("claimed");
  });
  it("of concurrent claims exactly one wins", async () => {
    const store = memoryStore();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claim("k", `o${i}`, 1000)));
    expect(results.filter((r) => r === "claimed")).toHaveLength(1);
    expect(results.filter((r) => r === "in_progress")).toHaveLength(19);
  });
  it("release frees the key for a retry, but only for the owner", async () => {
    const store = memoryStore();
    await store.claim("k", "a", 60_000);
    await store.release("k", "b"); // not the owner: nothing happens
    expect(await store.claim("k", "c", 60_000)).toBe("in_progress");
    await store.release("k", "a");
    expect(await store.claim("k", "c", 60_000)).toBe("claimed");
  });
  it("release never drops a completed key", async () => {
    const store = memoryStore();
    await store.claim("k", "a", 60_000);
    await store.complete("k", "a", 60_000);
    await store.release("k", "a");
    expect(await store.claim("k", "b", 60_000)).toBe("duplicate");
  });
  it("a claim expires after its ttl so a crashed owner cannot block retries", async () => {
    const c = clock();
    const store = memoryStore({ now: c.now });
    await store.claim("k", "a", 1000);
    c.advance(999);
    expect(await store.claim("k", "b", 1000)).toBe("in_progress");
    c.advance(1);
    expect(await store.claim("k", "b", 1000)).toBe("claimed");
    // the old owner's late release does not drop the new owner's claim
    await store.release("k", "a");
    expect(await store.claim("k", "c", 1000)).toBe("in_progress");
  });
  it("a completed key is remembered for its ttl, then forgotten", async () => {
    const c = clock();
    const store = memoryStore({ now: c.now });
    await store.claim("k", "a", 1000);
    await store.complete("k", "a", 7 * 86_400_000);
    c.advance(7 * 86_400_000 - 1);
    expect(await store.claim("k", "b", 1000)).toBe("duplicate");
    c.advance(1);
    expect(await store.claim("k", "b", 1000)).toBe("claimed");
  });
  it("is bounded: past maxKeys the oldest entries are dropped first", async () => {
    const store = memoryStore({ maxKeys: 3 });
    for (const k of ["k1", "k2", "k3", "k4"]) {
      await store.claim(k, "a", 60_000);
      await store.complete(k, "a", 60_000);
    }
    expect(store.size).toBe(3);
    expect(await store.claim("k1", "b", 60_000)).toBe("claimed"); // k1 was evicted
    expect(store.size).toBe(3);
    expect(await store.claim("k3", "b", 60_000)).toBe("duplicate");
    expect(await store.claim("k4", "b", 60_000)).toBe("duplicate");
  });
  it("never grows past maxKeys under a flood of distinct keys", async () => {
    const store = memoryStore({ maxKeys: 100 });
    for (let i = 0; i < 1000; i++) await store.claim(`k${i}`, "a", 60_000);
    expect(store.size).toBe(100);
  });
  it("refuses a maxKeys that is not a positive integer", () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(() => memoryStore({ maxKeys: bad })).toThrow(/maxKeys/);
  });
});
