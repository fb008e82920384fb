import { describe, expect, it } from "vitest";
import {
  createReceiver,
  memoryStore,
  queueJobId,
  reviveEvent,
  type TranscriptionEvent,
  type TranscriptionQueue,
} from "../src/index";

const TOKEN = "queue-token-4be";

/** A queue engine other than BullMQ, as a user would plug one in: here an array behind a switch. */
function arrayQueue() {
  const rows: string[] = [];
  const engine = {
    rows,
    mode: "ok" as "ok" | "down" | "hang",
    async enqueue(event: TranscriptionEvent) {
      if (engine.mode === "down") throw new Error("engine unreachable");
      if (engine.mode === "hang") return new Promise<void>(() => {});
      const id = await queueJobId(event.idempotencyKey);
      if (rows.some((r) => JSON.parse(r).id === id)) return "duplicate" as const;
      rows.push(JSON.stringify({ id, event }));
    },
    async close() {},
  } satisfies TranscriptionQueue & Record<string, unknown>;
  return engine;
}

function setup(queue: TranscriptionQueue, extra: Partial<Parameters<typeof createReceiver>[0]> = {}) {
  const receiver = createReceiver({
    providers: { assemblyai: { headers: { "x-webhook-token": TOKEN } } },
    queue,
    ...extra,
  });
  const deliver = async (jobId: string) => {
    const res = await receiver.fetch(
      new Request("http://127.0.0.1/webhooks/assemblyai", {
        method: "POST",
        headers: { "x-webhook-token": TOKEN, "content-type": "application/json" },
        body: JSON.stringify({ transcript_id: jobId, status: "completed" }),
      }),
    );
    return { status: res.status, body: await res.json(), retryAfter: res.headers.get("retry-after") };
  };
  return { receiver, deliver };
}

describe("the receiver's queue option (any engine)", () => {
  it("answers 200 once enqueued, stores the event as plain data that reviveEvent() restores", async () => {
    const q = arrayQueue();
    const { deliver } = setup(q);
    expect(await deliver("q-1")).toMatchObject({ status: 200, body: { ok: true } });
    expect(q.rows).toHaveLength(1);
    const { id, event } = JSON.parse(q.rows[0]!);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const revived = reviveEvent(event);
    expect(revived.receivedAt).toBeInstanceOf(Date);
    expect(revived).toMatchObject({ jobId: "q-1", source: "callback", payload: { transcript_id: "q-1" } });
  });

  it("answers 'duplicate' when the engine already has the event, and from the dedupe store without asking the engine", async () => {
    const q = arrayQueue();
    const store = memoryStore();
    const { deliver } = setup(q, { store });
    await deliver("q-2");
    q.mode = "down"; // a retry now must not reach the engine
    expect(await deliver("q-2")).toMatchObject({ status: 200, body: { ok: true, duplicate: true } });
    q.mode = "ok";
    const other = setup(q); // another web process: its own store does not know the key, the engine does
    expect(await other.deliver("q-2")).toMatchObject({ status: 200, body: { ok: true, duplicate: true } });
    expect(q.rows).toHaveLength(1);
  });

  it("answers 503 queue_unavailable when the engine rejects or outlasts enqueueTimeout, and releases the key for the retry", async () => {
    const q = arrayQueue();
    const { deliver } = setup(q, { enqueueTimeout: "200ms" });
    q.mode = "down";
    expect(await deliver("q-3")).toMatchObject({
      status: 503,
      body: { error: { code: "queue_unavailable" } },
    });
    q.mode = "hang";
    const hung = await deliver("q-3");
    expect(hung).toMatchObject({ status: 503, body: { error: { code: "queue_unavailable" } } });
    expect(Number(hung.retryAfter)).toBeGreaterThan(0);
    q.mode = "ok";
    expect(await deliver("q-3")).toMatchObject({ status: 200, body: { ok: true } });
    expect(q.rows).toHaveLength(1);
  });

  it("refuses a queue without enqueue()/close(), and expect() on an engine that stores no deadlines", async () => {
    expect(() => setup({ enqueue: async () => {} } as unknown as TranscriptionQueue)).toThrow(
      /queue: give a TranscriptionQueue/,
    );
    const { receiver } = setup(arrayQueue());
    await expect(receiver.expect({ provider: "assemblyai", jobId: "x", within: "1h" })).rejects.toThrow(
      /this queue has no expect\(\)/,
    );
  });

  it("stores a 1 MB job id's dedupe key as sha256:<hex> on the queue path too", async () => {
    const inner = memoryStore();
    const keys: string[] = [];
    const store = {
      claim: (k: string, o: string, t: number) => {
        keys.push(k);
        return inner.claim(k, o, t);
      },
      renew: (k: string, o: string, t: number) => inner.renew(k, o, t),
      complete: (k: string, o: string, t: number) => inner.complete(k, o, t),
      release: (k: string, o: string) => inner.release(k, o),
    };
    const q = arrayQueue();
    const { deliver } = setup(q, { store });
    const jobId = "j".repeat(1024 * 1024);
    expect(await deliver(jobId)).toMatchObject({ status: 200, body: { ok: true } });
    expect(keys[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await deliver(jobId)).body).toEqual({ ok: true, duplicate: true });
  });
});
