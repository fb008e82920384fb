import type { DedupeStore } from "../dedupe/store";
import { storeKey } from "../dedupe/store-key";
import { WebhookError } from "../errors";
import type { TranscriptionEvent } from "../events";
import type { WebhookResponse } from "../http";
import type { TranscriptionQueue } from "../queue/queue";
import { DUPLICATE, OK } from "./respond";

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
  return async function enqueueOnce(
    event: TranscriptionEvent,
    success: WebhookResponse,
  ): Promise<WebhookResponse> {
    const owner = crypto.randomUUID();
    // Long keys are stored as their SHA-256, as on the direct path (see run-once.ts).
    const key = await storeKey(event.idempotencyKey);
    const claim = await attempt(() => store.claim(key, owner, claimTtlMs)).catch((cause) => {
      throw Object.assign(
        new WebhookError(
          "store_unavailable",
          503,
          "The dedupe store is unreachable; nothing was acknowledged",
          {
            "retry-after": "30",
          },
        ),
        { cause },
      );
    });
    const duplicateReply = success === OK ? DUPLICATE : success;
    if (claim === "duplicate") return duplicateReply;
    if (claim === "full") {
      throw new WebhookError(
        "store_full",
        503,
        "The dedupe store is full of deliveries still being processed; nothing was acknowledged",
        { "retry-after": "30" },
      );
    }
    let queued: Awaited<ReturnType<TranscriptionQueue["enqueue"]>>;
    try {
      queued = await withTimeout(
        attempt(() => queue.enqueue(event)),
        enqueueTimeoutMs,
      );
    } catch (cause) {
      if (claim === "claimed") await attempt(() => store.release(key, owner)).catch(() => {});
      throw Object.assign(
        new WebhookError(
          "queue_unavailable",
          503,
          "The queue did not store the delivery in time; nothing was acknowledged, so the provider's retry will be queued",
          { "retry-after": "30" },
        ),
        { cause },
      );
    }
    // Queued: a store failure now must not make the provider deliver again (the queue de-duplicates).
    if (claim === "claimed") await attempt(() => store.complete(key, owner, dedupeTtlMs)).catch(() => {});
    return queued === "duplicate" ? duplicateReply : success;
  };
}

/** Runs `fn`, turning a synchronous throw into a rejection. */
const attempt = async <T>(fn: () => Promise<T>): Promise<T> => fn();

/** Rejects when `promise` has not settled within `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  promise.catch(() => {}); // a late rejection after the timeout is not unhandled
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`enqueue took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
