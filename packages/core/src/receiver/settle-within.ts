/** Node's timers fire at once past 2^31 - 1 ms (24.8 days): longer deadlines are clamped or re-armed. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Resolves or rejects as `promise` does, or rejects with `reason` after `ms`. A later rejection of
 * `promise` is handled (ignored), never unhandled.
 *
 * @example
 * ```ts
 * await settleWithin(queue.enqueue(event), 5_000, new Error("enqueue took longer than 5000 ms"));
 * ```
 */
export function settleWithin<T>(promise: Promise<T>, ms: number, reason: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(reason), Math.min(ms, MAX_TIMER_MS));
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
