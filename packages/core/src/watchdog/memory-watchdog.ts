import type { EventHandler, TranscriptionEvent } from "../events";
import { MAX_TIMER_MS } from "../primitives/max-timer";
import type { JobStatusFn, OverdueEvent } from "./overdue";
import { type PolledFields, pollOutcome } from "./poll";

/** What the in-memory watchdog calls when a deadline passes without a callback. */
export interface MemoryWatchdogOptions {
  /**
   * The poll step, run first: resolves `true` when the provider's API reported the job finished and
   * its event was handled (then no overdue event is emitted).
   */
  poll(due: OverdueEvent): Promise<boolean>;
}

/**
 * The watchdog of a receiver without a queue: one timer per expected callback, in this process
 * only (a restart forgets them; use a queue for deadlines that must survive restarts). A completed or
 * failed event for the job cancels its timer; when a timer fires, the poll step runs first, then the
 * overdue handlers. Handler errors are ignored: there is no request to fail.
 *
 * @example
 * ```ts
 * const watchdog = createMemoryWatchdog({ poll: async () => false });
 * watchdog.onOverdue((e) => console.warn("no callback", e.provider, e.jobId));
 * watchdog.expect("scriptix", "s-1", 7_200_000);
 * watchdog.arrived(event); // a callback for scriptix/s-1 came: the timer is cleared
 * ```
 */
export function createMemoryWatchdog({ poll }: MemoryWatchdogOptions) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const handlers = new Set<EventHandler<OverdueEvent>>();
  const keyOf = (provider: string, jobId: string) => JSON.stringify([provider, jobId]);

  async function fire(due: OverdueEvent): Promise<void> {
    if (await poll(due).catch(() => false)) return;
    for (const fn of [...handlers]) {
      try {
        await fn(due);
      } catch {}
    }
  }

  function arm(key: string, due: OverdueEvent): void {
    const wait = due.expectedBy.getTime() - Date.now();
    const timer = setTimeout(
      () => {
        if (wait > MAX_TIMER_MS) return arm(key, due);
        timers.delete(key);
        void fire(due);
      },
      Math.max(0, Math.min(wait, MAX_TIMER_MS)),
    );
    // A pending deadline must not keep a Node process alive on its own.
    (timer as { unref?: () => void }).unref?.();
    timers.set(key, timer);
  }

  return {
    /** Records that a callback for `provider`/`jobId` is due within `withinMs`; replaces an earlier one. */
    expect(provider: string, jobId: string, withinMs: number): void {
      const key = keyOf(provider, jobId);
      clearTimeout(timers.get(key));
      const expectedAt = new Date();
      arm(key, {
        type: "transcription.overdue",
        provider,
        jobId,
        expectedAt,
        expectedBy: new Date(expectedAt.getTime() + withinMs),
      });
    },
    /** A completed or failed event settles the expectation for its job. */
    arrived(event: TranscriptionEvent): void {
      // Most receivers expect nothing: then a delivery costs no key.
      if (timers.size === 0 || event.type === "transcription.updated") return;
      const key = keyOf(event.provider, event.jobId);
      clearTimeout(timers.get(key));
      timers.delete(key);
    },
    onOverdue(fn: EventHandler<OverdueEvent>): () => void {
      const entry: EventHandler<OverdueEvent> = (e) => fn(e);
      handlers.add(entry);
      return () => void handlers.delete(entry);
    },
    /** Clears every pending timer. */
    close(): void {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

/** What the receiver gives its watchdog: how to ask about a job, and how to handle a finished one. */
export interface WatchdogHost {
  /** The provider's API settings and status function; no `jobStatus` when nothing can ask. */
  statusOf(provider: string): { apiKey?: string; apiBaseUrl?: string; jobStatus?: JobStatusFn };
  /** Handles the event of a job the status API reported finished, as its callback would have been. */
  settle(provider: string, fields: PolledFields): Promise<unknown>;
}

/**
 * The in-process watchdog, as the receiver option `watchdog` takes it (`@scribehook/core/fetch` has no
 * watchdog unless given one; the root entry always has this one). When a deadline passes it first
 * asks the provider's status API (with the provider's `apiKey`, and a result reader or `jobStatus`):
 * a finished job is handled as its callback would have been, anything else is overdue.
 *
 * @example
 * ```ts
 * import { createReceiver, memoryWatchdog } from "@scribehook/core/fetch";
 * const hooks = createReceiver({ definitions: [scriptix], watchdog: memoryWatchdog, providers });
 * await hooks.expect({ provider: "scriptix", jobId: "s-1", within: "2h" });
 * ```
 */
export function memoryWatchdog(host: WatchdogHost): ReturnType<typeof createMemoryWatchdog> {
  return createMemoryWatchdog({
    async poll(due) {
      const { jobStatus, apiKey, apiBaseUrl } = host.statusOf(due.provider);
      if (!jobStatus) return false;
      const fields = await pollOutcome({
        provider: due.provider,
        jobId: due.jobId,
        apiKey,
        apiBaseUrl,
        jobStatus,
      });
      if (!fields) return false;
      // The job finished: its handlers ran here (or it was a duplicate); a handler error has no request to fail.
      await host.settle(due.provider, fields).catch(() => {});
      return true;
    },
  });
}
