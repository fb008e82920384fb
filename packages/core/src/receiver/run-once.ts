import type { ClaimResult, DedupeStore } from "../dedupe/store";
import { storeKey } from "../dedupe/store-key";
import { WebhookError } from "../errors";
import type { Emitter, TranscriptionEvent } from "../events";
import type { WebhookResponse } from "../http";
import { MAX_TIMER_MS } from "../primitives/max-timer";
import { ownerId } from "./owner-id";
import { DUPLICATE, OK } from "./respond";
import { settleWithin } from "./settle-within";
import { attempt, storeFull, storeUnavailable } from "./store-call";

/** What running a delivery's handlers once needs. */
export interface RunOnceOptions {
  store: DedupeStore;
  emitter: Emitter;
  claimTtlMs: number;
  dedupeTtlMs: number;
  /** After this long the provider gets 503 and the claim is released; the handlers run on. */
  handlerTimeoutMs: number;
  /** Where the one-time warning about a store without `renew()` goes. Default `console.warn`. */
  warn?: (message: string) => void;
}

/**
 * Runs the handlers for an event at most once per idempotency key: claim the key (its SHA-256 when
 * long, see `storeKey()`), renew the claim every `claimTtl / 3` while the handlers run, then mark it
 * completed (or release it when a handler threw, so the provider's retry is processed).
 * Answers `success` (or the duplicate reply), or throws a `WebhookError`: 503 while another request
 * holds the claim, the store is unreachable or full, or the handlers outlast `handlerTimeout`; 500
 * when a handler threw.
 *
 * @example
 * ```ts
 * const runOnce = createRunOnce({
 *   store: memoryStore(), emitter, claimTtlMs: 60_000, dedupeTtlMs: 7 * 86_400_000, handlerTimeoutMs: 8_000,
 * });
 * return runOnce(event, OK);
 * ```
 */
export function createRunOnce({
  store,
  emitter,
  claimTtlMs,
  dedupeTtlMs,
  handlerTimeoutMs,
  warn = (message) => console.warn(message),
}: RunOnceOptions) {
  if (!(handlerTimeoutMs > 0)) {
    throw new TypeError('handlerTimeout: give a positive duration such as "8s" or 30 (seconds)');
  }
  if (typeof store.renew !== "function") {
    warn(
      "scribehook: the dedupe store has no renew(), so a claim is not kept alive while handlers run: " +
        "a handler slower than claimTtl can be run again by the provider's retry. Add renew() " +
        "(see DedupeStore), or set claimTtl above your slowest handler. (Said once.)",
    );
  }
  // A claim is renewed every claimTtl / 3 while handlers run; the claim is released when they
  // outlast handlerTimeout. With the defaults (60 s, 8 s) no renewal can fall due before that, so
  // none is scheduled: one timer a delivery, not two.
  const renews = claimTtlMs / 3 < handlerTimeoutMs;
  /** Marks the key completed; a store failure is swallowed (see below). */
  const complete = async (key: string, owner: string) => {
    try {
      await store.complete(key, owner, dedupeTtlMs);
    } catch {}
  };

  return async function runOnce(
    event: TranscriptionEvent,
    success: WebhookResponse,
  ): Promise<WebhookResponse> {
    const owner = ownerId();
    const key = await storeKey(event.idempotencyKey);
    // A store may throw instead of rejecting; either way nothing was claimed, so 503, not 500.
    let claim: ClaimResult;
    try {
      claim = await store.claim(key, owner, claimTtlMs);
    } catch (cause) {
      throw storeUnavailable(cause);
    }
    if (claim === "duplicate") return success === OK ? DUPLICATE : success;
    if (claim === "in_progress") {
      throw new WebhookError("in_progress", 503, "The same delivery is being processed by another request", {
        "retry-after": String(Math.max(1, Math.ceil(Math.min(claimTtlMs, 5_000) / 1000))),
      });
    }
    if (claim === "full") throw storeFull();
    if (claim !== "claimed") throw storeUnavailable(new TypeError(`claim() answered ${String(claim)}`));

    const stopRenewing = renews ? keepClaimAlive(store, key, owner, claimTtlMs) : noop;
    const handlers = emitter.emit(event);
    try {
      await settleWithin(handlers, handlerTimeoutMs, TIMED_OUT);
    } catch (cause) {
      stopRenewing();
      await attempt(() => store.release(key, owner)).catch(() => {});
      if (cause === TIMED_OUT) {
        // JS cannot stop the handlers: if they still succeed, the delivery is processed, and a
        // retry that comes after that is a duplicate.
        handlers.then(
          () => complete(key, owner),
          () => {},
        );
        throw new WebhookError(
          "handler_timeout",
          503,
          `The handlers did not finish within handlerTimeout (${handlerTimeoutMs} ms): the delivery was not acknowledged, so the provider's retry will be processed`,
          { "retry-after": String(Math.max(1, Math.min(30, Math.ceil(handlerTimeoutMs / 1000)))) },
        );
      }
      // The thrown value is the cause (onRejected gets it as `error`); it never reaches the sender.
      throw new WebhookError(
        "handler_failed",
        500,
        "A handler threw: the delivery was not acknowledged, so the provider's retry will be processed",
        {},
        { cause },
      );
    }
    stopRenewing();
    // The handlers ran: a store failure now must not make the provider deliver again.
    await complete(key, owner);
    return success;
  };
}

/**
 * Renews `owner`'s claim every `ttlMs / 3` (like a queue's lock renewal) until the returned function
 * is called; a failed renewal is retried at the next tick, a lost claim ends the renewals.
 */
function keepClaimAlive(store: DedupeStore, key: string, owner: string, ttlMs: number): () => void {
  if (typeof store.renew !== "function") return () => {};
  let stopped = false;
  const timer = setInterval(
    () => {
      attempt(() => store.renew!(key, owner, ttlMs)).then(
        (alive) => {
          if (!alive) stop();
        },
        () => {},
      );
    },
    Math.min(MAX_TIMER_MS, Math.max(1, Math.floor(ttlMs / 3))),
  );
  // Never keep a process alive only to renew a claim (Node timers have unref; others do not).
  (timer as { unref?: () => void }).unref?.();
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
  };
  return stop;
}

const TIMED_OUT = Symbol("timed out");
const noop = () => {};
