export { UnrecoverableError } from "bullmq";
export type { DeadLetterHandler, WorkerHandler } from "./handlers";
export {
  type BullmqQueueOptions,
  type BullmqTranscriptionQueue,
  bullmqQueue,
  type EventJobOptions,
} from "./queue";
export { type TranscriptionWorker, type TranscriptionWorkerOptions, transcriptionWorker } from "./worker";
