import { WebhookError } from "../errors";

/**
 * Runs `fn`, turning a synchronous throw into a rejection: a store (or queue) may do either.
 *
 * @example
 * ```ts
 * await attempt(() => store.release(key, owner)).catch(() => {});
 * ```
 */
export const attempt = async <T>(fn: () => Promise<T>): Promise<T> => fn();

/**
 * 503 `store_unavailable`: the dedupe store failed, so nothing was acknowledged.
 *
 * @example
 * ```ts
 * try { claim = await store.claim(key, owner, ttl); } catch (cause) { throw storeUnavailable(cause); }
 * ```
 */
export const storeUnavailable = (cause?: unknown): WebhookError =>
  new WebhookError(
    "store_unavailable",
    503,
    "The dedupe store is unreachable; nothing was acknowledged",
    { "retry-after": "30" },
    cause === undefined ? undefined : { cause },
  );

/**
 * 503 `store_full`: live claims alone fill the dedupe store, so nothing was acknowledged.
 *
 * @example
 * ```ts
 * if (claim === "full") throw storeFull();
 * ```
 */
export const storeFull = (): WebhookError =>
  new WebhookError(
    "store_full",
    503,
    "The dedupe store is full of deliveries still being processed; nothing was acknowledged",
    { "retry-after": "30" },
  );
