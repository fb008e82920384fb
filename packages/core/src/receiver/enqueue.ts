import type { DedupeStore } from "../dedupe/store";
import { storeKey } from "../dedupe/store-key";
import { WebhookError } from "../errors";
import type { TranscriptionEvent } from "../events";
import type { WebhookResponse } from "../http";
import type { TranscriptionQueue } from "../queue/queue";
import { ownerId } from "./owner-id";
import { DUPLICATE, OK } from "./respond";
import { settleWithin } from "./settle-within";
import { attempt, storeFull, storeUnavailable } from "./store-call";

/** What the ack-first path needs. */
export interface EnqueueOnceOptions {
  queue: TranscriptionQueue;
  store: DedupeStore;
  claimTtlMs: number;
  dedupeTtlMs: number;
  /** How long `queue.enqueue()` may take before the delivery is answered 503. */
  enqueueTimeoutMs: number;
}

/**
 * The receiver's path when it has a `queue`: answer 200 once the event is stored in the queue, and
 * run no handler here (workers do). A key the dedupe store already completed is answered
 * `duplicate` without touching the queue. Every other copy, concurrent ones included, enqueues
 * (the queue makes them one job) and gets 200 once its own enqueue resolved; the first copy then
 * records the key for `dedupeTtl`. A queue that rejects or outlasts `enqueueTimeoutMs` → 503,
 * nothing acknowledged, the claim released.
 *
 * @example
 * ```ts
 * const enqueueOnce = createEnqueueOnce({ queue, store: memoryStore(), claimTtlMs: 60_000, dedupeTtlMs: 7 * 86_400_000, enqueueTimeoutMs: 5_000 });
 * return enqueueOnce(event, OK);
 * ```
 */
export function createEnqueueOnce({
  queue,
  store,
  claimTtlMs,
  dedupeTtlMs,
  enqueueTimeoutMs,
}: EnqueueOnceOptions) {
  const timedOut = new Error(`enqueue took longer than ${enqueueTimeoutMs} ms`);
  return async function enqueueOnce(
    event: TranscriptionEvent,
    success: WebhookResponse,
  ): Promise<WebhookResponse> {
    const owner = ownerId();
    // Long keys are stored as their SHA-256, as on the direct path (see run-once.ts).
    const key = await storeKey(event.idempotencyKey);
    const claim = await attempt(() => store.claim(key, owner, claimTtlMs)).catch((cause) => {
      throw storeUnavailable(cause);
    });
    const duplicateReply = success === OK ? DUPLICATE : success;
    if (claim === "duplicate") return duplicateReply;
    if (claim === "full") throw storeFull();
    let queued: Awaited<ReturnType<TranscriptionQueue["enqueue"]>>;
    try {
      queued = await settleWithin(
        attempt(() => queue.enqueue(event)),
        enqueueTimeoutMs,
        timedOut,
      );
    } catch (cause) {
      if (claim === "claimed") await attempt(() => store.release(key, owner)).catch(() => {});
      throw new WebhookError(
        "queue_unavailable",
        503,
        "The queue did not store the delivery in time; nothing was acknowledged, so the provider's retry will be queued",
        { "retry-after": "30" },
        { cause },
      );
    }
    // Queued: a store failure now must not make the provider deliver again (the queue de-duplicates).
    if (claim === "claimed") await attempt(() => store.complete(key, owner, dedupeTtlMs)).catch(() => {});
    return queued === "duplicate" ? duplicateReply : success;
  };
}
