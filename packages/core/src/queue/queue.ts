import type { TranscriptionEvent } from "../events";

/**
 * A callback that is due, as a queue stores it: `expectedBy` is the deadline, `expectedAt` when
 * `expect()` was called.
 *
 * @example
 * ```ts
 * const due: QueuedExpectation = { provider: "scriptix", jobId: "s-1", expectedAt: new Date(), expectedBy: new Date(Date.now() + 7_200_000) };
 * ```
 */
export interface QueuedExpectation {
  provider: string;
  jobId: string;
  expectedAt: Date;
  expectedBy: Date;
}

/**
 * Where a receiver with the `queue` option hands verified, de-duplicated events, to be processed
 * by workers: the receiver answers the provider 200 only once `enqueue()` has resolved, and 503 when
 * it rejects or takes longer than `enqueueTimeout`. `@scribehook/bullmq`'s `bullmqQueue()` is the one
 * scribehook ships; any engine (SQS, pg-boss, a database table) fits when it keeps these promises:
 *
 * - `enqueue(event)` resolves only once the event is stored durably. The same `event.idempotencyKey`
 *   enqueued twice (concurrent copies of one delivery) must become one job: use
 *   `queueJobId(event.idempotencyKey)` as the job id where the engine de-duplicates by id. Resolve
 *   `"duplicate"` when the engine knows the event was queued before (the provider is then answered
 *   `{"ok":true,"duplicate":true}`); resolving nothing is always correct.
 * - The event is plain data: store `JSON.stringify(event)` and rebuild it in the worker with
 *   `reviveEvent()`, which turns dates back into `Date`s.
 * - `expect(due)` (optional: `receiver.expect()` needs it) stores a deadline that outlives the
 *   process; when it passes without a completed or failed callback for that provider and job, the
 *   engine's worker reports an `OverdueEvent`.
 * - `close()` releases connections.
 *
 * @example
 * ```ts
 * const rows: string[] = [];
 * const tableQueue: TranscriptionQueue = {
 *   async enqueue(event) { rows.push(JSON.stringify(event)); }, // a real engine writes durably here
 *   async close() {},
 * };
 * const receiver = createReceiver({ providers, queue: tableQueue });
 * ```
 */
export interface TranscriptionQueue {
  // biome-ignore lint/suspicious/noConfusingVoidType: `async enqueue() {}` (resolving nothing) must fit.
  enqueue(event: TranscriptionEvent): Promise<void | "duplicate">;
  expect?(due: QueuedExpectation): Promise<void>;
  close(): Promise<void>;
}
