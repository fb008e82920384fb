import type { CancelDeadline } from "./deadline-queue";
import { MAX_TIMER_MS } from "./max-timer";

// The deadlines of every runtime but Node (package.json `imports` → `#deadlines`): one timer each,
// because a Cloudflare Worker cancels the timers a request set when that request ends, so a timer
// shared between requests could never fire. Same API as deadline-queue.ts.

/**
 * Deadlines of `ms`, each with a timer of its own.
 *
 * @example
 * ```ts
 * const cancel = deadlinesOf(8_000).add(() => reject(new Error("timed out")));
 * ```
 */
export function deadlinesOf(ms: number): { add(fire: () => void): CancelDeadline } {
  return {
    add(fire) {
      const timer = setTimeout(fire, Math.min(ms, MAX_TIMER_MS));
      return () => clearTimeout(timer);
    },
  };
}
