import { describe, expect, it } from "vitest";
import { memoryStore } from "../../src/index";

/** What a 2-character key costs in the store's estimate: 200 bytes of overhead plus its characters. */
const KEY_BYTES = 202;

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
  it("is bounded by bytes: past maxBytes the oldest completed keys are forgotten first", async () => {
    const warnings: string[] = [];
    const store = memoryStore({ maxBytes: 3 * KEY_BYTES, warn: (m) => warnings.push(m) });
    for (const k of ["k1", "k2", "k3", "k4"]) {
      await store.claim(k, "a", 60_000);
      await store.complete(k, "a", 60_000);
    }
    expect(store.size).toBe(3);
    expect(store.bytes).toBeLessThanOrEqual(store.maxBytes);
    expect(await store.claim("k1", "b", 60_000)).toBe("claimed"); // k1 was forgotten
    expect(store.size).toBe(3);
    expect(await store.claim("k3", "b", 60_000)).toBe("duplicate");
    expect(await store.claim("k4", "b", 60_000)).toBe("duplicate");
    // The dedupe window shrank: said once, however many keys are forgotten afterwards.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/full at 606 bytes.*forgets the oldest completed deliveries/);
  });
  it("a full store keeps accepting new deliveries and never forgets a live claim", async () => {
    // issue 16: 3 live claims in a store with room for 5 keys, then 1000 deliveries through it.
    // Room for the 3 claims and 2 completed 5-character keys.
    const store = memoryStore({ maxBytes: 3 * KEY_BYTES + 2 * (KEY_BYTES + 3), warn: () => {} });
    for (const k of ["L1", "L2", "L3"]) expect(await store.claim(k, "running", 60_000)).toBe("claimed");
    for (let i = 0; i < 1000; i++) {
      const key = `n${String(i).padStart(4, "0")}`;
      expect(await store.claim(key, "a", 60_000)).toBe("claimed");
      await store.complete(key, "a", 60_000);
      for (const live of ["L1", "L2", "L3"])
        expect(await store.claim(live, "retry", 60_000)).toBe("in_progress");
    }
    expect(store.bytes).toBeLessThanOrEqual(store.maxBytes);
  });
  it("answers full only when live claims alone fill it, and accepts again once one is released", async () => {
    const store = memoryStore({ maxBytes: 3 * KEY_BYTES, warn: () => {} });
    await store.claim("k1", "a", 60_000);
    await store.complete("k1", "a", 60_000);
    for (const k of ["L1", "L2", "L3"]) expect(await store.claim(k, "a", 60_000)).toBe("claimed");
    expect(await store.claim("k1", "b", 60_000)).toBe("full"); // k1 was forgotten to make room for L3
    expect(await store.claim("L4", "a", 60_000)).toBe("full");
    for (const k of ["L1", "L2", "L3"]) expect(await store.claim(k, "b", 60_000)).toBe("in_progress");
    await store.release("L2", "a");
    expect(await store.claim("L4", "a", 60_000)).toBe("claimed");
  });
  it("makes room from expired claims before answering full", async () => {
    const c = clock();
    const store = memoryStore({ maxBytes: 2 * KEY_BYTES, now: c.now });
    await store.claim("L1", "dead", 1000);
    await store.claim("L2", "alive", 60_000);
    expect(await store.claim("L3", "a", 60_000)).toBe("full");
    c.advance(1000);
    expect(await store.claim("L3", "a", 60_000)).toBe("claimed");
    expect(await store.claim("L2", "b", 60_000)).toBe("in_progress");
  });
  it("a renewed claim outlives its first TTL; renew answers false to anyone but a live owner", async () => {
    const c = clock();
    const store = memoryStore({ now: c.now });
    await store.claim("k", "a", 1000);
    c.advance(900);
    expect(await store.renew("k", "a", 1000)).toBe(true);
    expect(await store.renew("k", "b", 1000)).toBe(false);
    c.advance(900);
    expect(await store.claim("k", "b", 1000)).toBe("in_progress");
    c.advance(100);
    expect(await store.claim("k", "b", 1000)).toBe("claimed"); // a's claim expired after all
    expect(await store.renew("k", "a", 1000)).toBe(false);
    await store.complete("k", "b", 60_000);
    expect(await store.renew("k", "b", 1000)).toBe(false);
  });
  it("stores a key's bytes bounded: a key larger than the whole store is refused as full", async () => {
    const store = memoryStore({ maxBytes: 4096 });
    expect(await store.claim("x".repeat(5000), "a", 60_000)).toBe("full");
    expect(store.bytes).toBe(0);
  });
  it("counts two bytes a character for keys beyond Latin-1", async () => {
    const store = memoryStore();
    await store.claim("ab", "a", 60_000);
    const latin = store.bytes;
    await store.claim("✓✓", "a", 60_000);
    expect(store.bytes - latin).toBe(latin + 2);
  });
  it("refuses a maxBytes that is not a positive integer, and the old maxKeys option by name", () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(() => memoryStore({ maxBytes: bad })).toThrow(/maxBytes must be a positive integer/);
    expect(() => memoryStore({ maxKeys: 10 } as never)).toThrow(/maxKeys was replaced by maxBytes/);
  });
});
