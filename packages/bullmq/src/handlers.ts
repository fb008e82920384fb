import type { EventType, OverdueEvent, TranscriptionEvent } from "@scribehook/core";

/**
 * A worker's handler; the job succeeds when its promise resolves and is retried when it rejects.
 *
 * @example
 * ```ts
 * const onDone: WorkerHandler<TranscriptionEvent> = async (event) => save(event.idempotencyKey);
 * ```
 */
export type WorkerHandler<E> = (event: E) => void | Promise<void>;
/**
 * Called once for a job that failed for good: `event` is what the job carried, `error` the last failure.
 *
 * @example
 * ```ts
 * const dead: DeadLetterHandler = (event, error) => console.error("gave up on", event.jobId, error.message);
 * ```
 */
export type DeadLetterHandler = (
  event: TranscriptionEvent | OverdueEvent,
  error: Error,
) => void | Promise<void>;

type Key = EventType | "transcription.overdue" | "*" | "dead-letter";

/**
 * A worker's handlers by event type, run in the order they were added.
 *
 * @example
 * ```ts
 * const handlers = createHandlers();
 * handlers.add("transcription.completed", async (e) => save(e));
 * await handlers.run(["transcription.completed", "*"], event);
 * ```
 */
export function createHandlers() {
  const byKey = new Map<Key, Set<(event: any, error: any) => void | Promise<void>>>();
  return {
    add(key: Key, fn: (event: any, error: any) => void | Promise<void>): () => void {
      const set = byKey.get(key) ?? new Set();
      byKey.set(key, set);
      // Wrapping lets the same function be added twice and removed once per unsubscribe.
      const entry = (event: unknown, error?: Error) => fn(event, error);
      set.add(entry);
      return () => void set.delete(entry);
    },
    /** Runs the handlers of each key in turn; the first to throw stops the rest (and fails the job). */
    async run(keys: readonly Key[], event: unknown, error?: Error): Promise<void> {
      for (const key of keys) {
        const set = byKey.get(key);
        if (set) for (const fn of [...set]) await fn(event, error);
      }
    },
  };
}
