/**
 * BullMQ's `UnrecoverableError`: throw it from a handler to fail the job at once, without retries
 * (it then reaches `onDeadLetter`).
 *
 * @example
 * ```ts
 * worker.onComplete(async (event) => {
 *   if (!(await accountExists(event.metadata.userId))) throw new UnrecoverableError("no such account");
 * });
 * ```
 */
export { UnrecoverableError } from "bullmq";
export type { DeadLetterHandler, WorkerHandler } from "./handlers";
export {
  type BullmqQueueOptions,
  type BullmqTranscriptionQueue,
  bullmqQueue,
  type EventJobOptions,
} from "./queue";
export { type TranscriptionWorker, type TranscriptionWorkerOptions, transcriptionWorker } from "./worker";
