import { deadlinesOf } from "#deadlines";

/**
 * Resolves or rejects as `promise` does, or rejects with `reason` after `ms`. A later rejection of
 * `promise` is handled (ignored), never unhandled. On Node all deadlines of the same length share one
 * timer (see `DeadlineQueue`).
 *
 * @example
 * ```ts
 * await settleWithin(queue.enqueue(event), 5_000, new Error("enqueue took longer than 5000 ms"));
 * ```
 */
export function settleWithin<T>(promise: Promise<T>, ms: number, reason: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cancel = deadlinesOf(ms).add(() => reject(reason));
    promise.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error) => {
        cancel();
        reject(error);
      },
    );
  });
}
