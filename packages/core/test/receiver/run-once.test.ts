/**
 * Exactly once while a handler runs (issue 11, items 4 and 5; issue 16): the claim is never
 * forgotten by a full store, is renewed while the handler runs, long keys are stored bounded, and a
 * hung handler is answered within handlerTimeout.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createReceiver, type DedupeStore, memoryStore, type ReceiverOptions } from "../../src/index";

const TOKEN = "run-once-token";

function receiver(options: Partial<ReceiverOptions> = {}) {
  return createReceiver({ providers: { assemblyai: { headers: { "x-webhook-token": TOKEN } } }, ...options });
}

const deliver = (r: ReturnType<typeof receiver>, jobId: string) =>
  r
    .handle({
      method: "POST",
      url: "/webhooks/assemblyai",
      headers: { "x-webhook-token": TOKEN, "content-type": "application/json" },
      body: JSON.stringify({ transcript_id: jobId, status: "completed" }),
    })
    .then((res) => ({ ...res, json: JSON.parse(res.body) }));

/** A handler that runs until `finish()` is called; counts its runs per job id. */
function gate() {
  const runs = new Map<string, number>();
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  let started!: () => void;
  const firstStart = new Promise<void>((r) => {
    started = r;
  });
  return {
    runs,
    firstStart,
    finish: () => open(),
    handler: async (event: { jobId: string }) => {
      runs.set(event.jobId, (runs.get(event.jobId) ?? 0) + 1);
      started();
      await opened;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a still-running handler is never run twice", () => {
  it("a replay after 100,000 other deliveries does not re-run a still-running handler", async () => {
    // On the old store (bounded at 100,000 keys, evicting the oldest whatever it was) the running
    // delivery's claim was the oldest entry, forgotten, and the replay ran the handler again.
    const store = memoryStore();
    const r = receiver({ store, handlerTimeout: "60s" });
    const g = gate();
    r.onComplete(g.handler);
    const first = deliver(r, "running");
    await g.firstStart;
    for (let i = 0; i < 100_000; i++) {
      const k = `assemblyai:other-${i}:completed`;
      await store.claim(k, "o", 60_000);
      await store.complete(k, "o", 7 * 86_400_000);
    }
    const replay = await deliver(r, "running");
    expect(replay.status).toBe(503);
    expect(replay.json.error.code).toBe("in_progress");
    expect(g.runs.get("running")).toBe(1);
    g.finish();
    expect((await first).status).toBe(200);
    expect((await deliver(r, "running")).json).toEqual({ ok: true, duplicate: true });
    expect(g.runs.get("running")).toBe(1);
  });

  it("a full store keeps accepting new deliveries, and answers 503 store_full only when running handlers fill it", async () => {
    const warnings: string[] = [];
    // Room for two keys of this length (200 bytes each plus the key's characters).
    const key = "assemblyai:slow-0:completed";
    const store = memoryStore({ maxBytes: 2 * (200 + key.length), warn: (m) => warnings.push(m) });
    const r = receiver({ store, handlerTimeout: "60s" });
    const g = gate();
    r.onComplete(async (event) => {
      if (event.jobId.startsWith("slow")) await g.handler(event);
    });
    const slow = deliver(r, "slow-0");
    await g.firstStart;
    for (let i = 0; i < 20; i++) {
      const res = await deliver(r, `job-${i % 10}`); // 10 distinct, each replayed once later
      expect(res.status).toBe(200);
      expect((await deliver(r, "slow-0")).json.error.code).toBe("in_progress");
    }
    expect(warnings).toHaveLength(1); // the dedupe window shrank: said once
    // One running handler and one more: full of live claims.
    const slow1 = deliver(r, "slow-1");
    await vi.waitFor(() => expect(g.runs.get("slow-1")).toBe(1));
    const refused = await deliver(r, "job-new");
    expect(refused.status).toBe(503);
    expect(refused.json.error.code).toBe("store_full");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    g.finish();
    expect((await slow).status).toBe(200);
    expect((await slow1).status).toBe(200);
    expect((await deliver(r, "job-new")).status).toBe(200);
  });

  it("a handler slower than claimTtl is not run again by the provider's concurrent retry (claim renewed)", async () => {
    const r = receiver({ claimTtl: "1s", handlerTimeout: "10s" });
    let runs = 0;
    r.onComplete(async () => {
      runs++;
      await sleep(2500); // two and a half claimTtls
    });
    const first = deliver(r, "slow");
    await sleep(1500); // the claim's first TTL is long gone; only its renewals keep it

    const retry = await deliver(r, "slow");
    expect(retry.status).toBe(503);
    expect(retry.json.error.code).toBe("in_progress");
    expect((await first).status).toBe(200);
    expect(runs).toBe(1);
  });

  it("a hung handler is answered 503 handler_timeout after handlerTimeout, and its claim released", async () => {
    const r = receiver({ handlerTimeout: "200ms" });
    const g = gate();
    r.onComplete(g.handler);
    const started = Date.now();
    const hung = await deliver(r, "hung");
    expect(hung.status).toBe(503);
    expect(hung.json.error.code).toBe("handler_timeout");
    expect(hung.headers["retry-after"]).toBe("1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    // Released: the retry claims the delivery and runs the handler (the first run is still hung).
    const retry = deliver(r, "hung");
    await vi.waitFor(() => expect(g.runs.get("hung")).toBe(2));
    g.finish();
    await retry;
    expect((await deliver(r, "hung")).json).toEqual({ ok: true, duplicate: true });
  });

  it("a handler that finishes after handlerTimeout still marks the delivery processed", async () => {
    const r = receiver({ handlerTimeout: "100ms" });
    let runs = 0;
    r.onComplete(async () => {
      runs++;
      await sleep(300);
    });
    expect((await deliver(r, "late")).json.error.code).toBe("handler_timeout");
    await sleep(400);
    expect((await deliver(r, "late")).json).toEqual({ ok: true, duplicate: true });
    expect(runs).toBe(1);
  });

  it("refuses a handlerTimeout that is not a positive duration", () => {
    for (const bad of [0, "0s", -1, "soon"]) {
      expect(() => receiver({ handlerTimeout: bad as never })).toThrow(/handlerTimeout/);
    }
  });
});

describe("long idempotency keys are stored bounded", () => {
  /** A memory store that records the keys it is asked for. */
  function recording() {
    const inner = memoryStore();
    const keys: string[] = [];
    const store: DedupeStore = {
      claim: (k, o, t) => {
        keys.push(k);
        return inner.claim(k, o, t);
      },
      renew: (k, o, t) => inner.renew(k, o, t),
      complete: (k, o, t) => inner.complete(k, o, t),
      release: (k, o) => inner.release(k, o),
    };
    return { store, keys };
  }

  it("a 1 MB job id reaches the store as sha256:<hex>; the event keeps the full key", async () => {
    const { store, keys } = recording();
    const r = receiver({ store });
    const seen: string[] = [];
    r.onComplete((e) => {
      seen.push(e.idempotencyKey);
    });
    const jobId = "j".repeat(1024 * 1024);
    expect((await deliver(r, jobId)).status).toBe(200);
    expect(keys[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(seen[0]).toBe(`assemblyai:${jobId}:completed`);
    expect((await deliver(r, jobId)).json).toEqual({ ok: true, duplicate: true });
    expect((await deliver(r, `${jobId}k`)).json).toEqual({ ok: true }); // one character more: another key
    expect(new Set(keys).size).toBe(2);
  });

  it("keeps short keys as they are, and hashes a short key that looks hashed", async () => {
    const { store, keys } = recording();
    const r = receiver({ store });
    r.onComplete(() => {});
    await deliver(r, "5551");
    expect(keys[0]).toBe("assemblyai:5551:completed");
    // 200 characters stay; 201 are hashed.
    const fits = "x".repeat(200 - "assemblyai::completed".length);
    await deliver(r, fits);
    await deliver(r, `${fits}y`);
    expect(keys[1]).toBe(`assemblyai:${fits}:completed`);
    expect(keys[2]).toMatch(/^sha256:/);
  });
});

describe("a store without renew()", () => {
  it("still works, and the receiver warns once at creation that slow handlers may run twice", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const inner = memoryStore();
    const store: DedupeStore = {
      claim: (k, o, t) => inner.claim(k, o, t),
      complete: (k, o, t) => inner.complete(k, o, t),
      release: (k, o) => inner.release(k, o),
    };
    const r = receiver({ store });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/no renew\(\).*claimTtl/);
    let runs = 0;
    r.onComplete(() => {
      runs++;
    });
    expect((await deliver(r, "a")).status).toBe(200);
    expect((await deliver(r, "a")).json).toEqual({ ok: true, duplicate: true });
    expect(runs).toBe(1);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
