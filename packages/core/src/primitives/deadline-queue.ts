import { MAX_TIMER_MS } from "./max-timer";

/** One pending deadline of a {@link DeadlineQueue}. */
interface Entry {
  at: number;
  fire: (() => void) | undefined;
  prev: Entry | undefined;
  next: Entry | undefined;
}

/** Cancels a deadline (a no-op once it fired or was cancelled). */
export type CancelDeadline = () => void;

/**
 * Deadlines that all last `ms`, kept in one list behind one timer: since every deadline lasts as
 * long, they fall due in the order they were set, so the list stays sorted by appending, and the one
 * timer only ever waits for the oldest. Setting and cancelling one is a few property writes, instead
 * of a timer of the runtime's each (one per request body and one per delivery's handlers).
 * Only for runtimes whose timers may outlive the request that set them (Node, Deno, Bun): a
 * Cloudflare Worker cancels a request's timers with it.
 *
 * @example
 * ```ts
 * const bodyDeadlines = new DeadlineQueue(30_000);
 * const cancel = bodyDeadlines.add(() => reject(new Error("timed out")));
 * // … when the body has arrived:
 * cancel();
 * ```
 */
export class DeadlineQueue {
  readonly #ms: number;
  #head: Entry | undefined;
  #tail: Entry | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(ms: number) {
    this.#ms = ms;
  }

  /** Calls `fire` in `ms` unless the returned function is called first. */
  add(fire: () => void): CancelDeadline {
    const entry: Entry = { at: performance.now() + this.#ms, fire, prev: this.#tail, next: undefined };
    if (this.#tail) this.#tail.next = entry;
    else this.#head = entry;
    this.#tail = entry;
    if (!this.#timer) this.#arm(this.#ms);
    return () => this.#remove(entry);
  }

  #remove(entry: Entry): void {
    if (!entry.fire) return;
    entry.fire = undefined;
    if (entry.prev) entry.prev.next = entry.next;
    else this.#head = entry.next;
    if (entry.next) entry.next.prev = entry.prev;
    else this.#tail = entry.prev;
    entry.prev = entry.next = undefined;
  }

  #arm(ms: number): void {
    // Past MAX_TIMER_MS a timer would fire at once: it fires early instead, and waits again.
    this.#timer = setTimeout(() => this.#expire(), Math.min(Math.max(ms, 1), MAX_TIMER_MS));
    // A deadline never keeps a process alive on its own (Node and Bun timers have unref; not all runtimes do).
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #expire(): void {
    this.#timer = undefined;
    const now = performance.now();
    while (this.#head && this.#head.at <= now) {
      const entry = this.#head;
      const fire = entry.fire!;
      this.#remove(entry);
      fire();
    }
    if (this.#head) this.#arm(this.#head.at - now);
  }
}

const queues = new Map<number, DeadlineQueue>();

/**
 * The process's queue for deadlines of `ms` (a receiver has one body timeout and one handler
 * timeout, so there are few).
 *
 * @example
 * ```ts
 * const cancel = deadlinesOf(30_000).add(() => stream.pause());
 * ```
 */
export function deadlinesOf(ms: number): DeadlineQueue {
  let queue = queues.get(ms);
  if (!queue) {
    queue = new DeadlineQueue(ms);
    queues.set(ms, queue);
  }
  return queue;
}
