import { randomUUID } from "node:crypto";
import type { DedupeStore } from "../dedupe/store";
import { WebhookError } from "../errors";
import type { Emitter, TranscriptionEvent } from "../events";
import type { WebhookResponse } from "../http";
import { DUPLICATE, OK } from "./respond";

/** What running a delivery's handlers once needs. */
export interface RunOnceOptions {
  store: DedupeStore;
  emitter: Emitter;
  claimTtlMs: number;
  dedupeTtlMs: number;
}

/**
 * Runs the handlers for an event at most once per idempotency key: claim the key, run the handlers,
 * then mark it completed (or release it when a handler threw, so the provider's retry is processed).
 * Answers `success` (or the duplicate reply), or throws a `WebhookError` (503 while another request
 * holds the claim or the store is unreachable, 500 when a handler threw).
 *
 * @example
 * ```ts
 * const runOnce = createRunOnce({ store: memoryStore(), emitter, claimTtlMs: 60_000, dedupeTtlMs: 7 * 86_400_000 });
 * return runOnce(event, OK);
 * ```
 */
export function createRunOnce({ store, emitter, claimTtlMs, dedupeTtlMs }: RunOnceOptions) {
  return async function runOnce(
    event: TranscriptionEvent,
    success: WebhookResponse,
  ): Promise<WebhookResponse> {
    const owner = randomUUID();
    const key = event.idempotencyKey;
    // A store may throw instead of rejecting; either way nothing was claimed, so 503, not 500.
    const claim = await attempt(() => store.claim(key, owner, claimTtlMs)).catch(() => {
      throw storeUnavailable();
    });
    if (claim === "duplicate") return success === OK ? DUPLICATE : success;
    if (claim === "in_progress") {
      throw new WebhookError("in_progress", 503, "The same delivery is being processed by another request", {
        "retry-after": String(Math.max(1, Math.ceil(Math.min(claimTtlMs, 5_000) / 1000))),
      });
    }
    try {
      await emitter.emit(event);
    } catch {
      await attempt(() => store.release(key, owner)).catch(() => {});
      throw new WebhookError(
        "handler_failed",
        500,
        "A handler threw: the delivery was not acknowledged, so the provider's retry will be processed",
      );
    }
    // The handlers ran: a store failure now must not make the provider deliver again.
    await attempt(() => store.complete(key, owner, dedupeTtlMs)).catch(() => {});
    return success;
  };
}

/** Runs `fn`, turning a synchronous throw into a rejection. */
const attempt = async <T>(fn: () => Promise<T>): Promise<T> => fn();

const storeUnavailable = () =>
  new WebhookError("store_unavailable", 503, "The dedupe store is unreachable; nothing was acknowledged", {
    "retry-after": "30",
  });
