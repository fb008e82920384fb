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
  it("takes maxBytes as bytes or a size string", () => {
    expect(memoryStore({ maxBytes: "16mb" }).maxBytes).toBe(16 * 1024 * 1024);
    expect(memoryStore({ maxBytes: 4096 }).maxBytes).toBe(4096);
    expect(() => memoryStore({ maxBytes: "lots" })).toThrow(
      /memoryStore: maxBytes: expected a number of bytes/,
    );
  });

  it("is bounded by bytes: past maxBytes the oldest completed keys are forgotten first, the newest half never", async () => {
    const warnings: string[] = [];
    const store = memoryStore({ maxBytes: 4 * KEY_BYTES, warn: (m) => warnings.push(m) });
    const keys = Array.from({ length: 9 }, (_, i) => `k${i + 1}`);
    for (const k of keys) {
      await store.claim(k, "a", 60_000);
      await store.complete(k, "a", 60_000);
      expect(store.bytes).toBeLessThanOrEqual(store.maxBytes);
    }
    expect(store.size).toBe(3);
    // Probed newest first: the remembered keys are the newest ones, at least half the bound.
    const remembered: string[] = [];
    for (const k of [...keys].reverse()) {
      const answer = await store.claim(k, "probe", 60_000);
      if (answer === "duplicate") remembered.push(k);
      else await store.release(k, "probe");
    }
    expect(remembered).toEqual(["k9", "k8", "k7"]);
    // The dedupe window shrank: said once, however many keys are forgotten afterwards.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/full at 808 bytes.*forgets the oldest completed deliveries/);
  });
  it("forgets expired keys a generation at a time: memory holds at most two TTLs of them", async () => {
    const c = clock();
    const store = memoryStore({ now: c.now });
    for (const k of ["k1", "k2", "k3"]) await store.complete(k, "a", 1000);
    c.advance(1000);
    await store.claim("xx", "a", 60_000);
    await store.complete("xx", "a", 60_000);
    expect(store.size).toBe(1);
    expect(store.bytes).toBe(KEY_BYTES);
    expect(await store.claim("xx", "b", 60_000)).toBe("duplicate");
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
  it("a key completed again is remembered from its newer completion; one expired on read may come back", async () => {
    const c = clock();
    const store = memoryStore({ maxBytes: 4 * KEY_BYTES, warn: () => {}, now: c.now });
    for (const k of ["k1", "k2"]) await store.complete(k, "a", 60_000); // both in the old generation now
    await store.complete("k1", "a", 60_000); // again: young
    await store.complete("k3", "a", 60_000); // young is half the bound: the old generation (k1, k2) goes
    expect(await store.claim("k1", "b", 60_000)).toBe("duplicate");
    expect(await store.claim("k3", "b", 60_000)).toBe("duplicate");
    expect(await store.claim("k2", "b", 60_000)).toBe("claimed");
    // Expired on read, then completed again: remembered from the new completion.
    const short = memoryStore({ maxBytes: 4 * KEY_BYTES, warn: () => {}, now: c.now });
    await short.complete("e1", "a", 10);
    await short.complete("e2", "a", 60_000);
    c.advance(10);
    expect(await short.claim("e1", "b", 60_000)).toBe("claimed"); // expired on read
    await short.complete("e1", "b", 60_000);
    expect(await short.claim("e1", "c", 60_000)).toBe("duplicate");
    expect(await short.claim("e2", "c", 60_000)).toBe("duplicate");
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
