import { transcriptionWorker } from "@scribehook/bullmq";
import { connection, QUEUE } from "./redis";

// A worker process: runs the handlers, slow ones included, with retries and a dead letter.
const name = process.env.WORKER_NAME ?? "worker";
const delayMs = Number(process.env.HANDLER_DELAY_MS ?? 500);
const worker = transcriptionWorker({ connection, name: QUEUE, concurrency: 2 });

worker.onComplete(async (event) => {
  await new Promise((r) => setTimeout(r, delayMs)); // download the transcript, call an LLM, …
  console.log(`${name} completed: ${event.provider} ${event.jobId}`);
});
worker.onFailed((event) =>
  console.log(`${name} failed: ${event.provider} ${event.jobId} ${event.error?.message ?? ""}`),
);
worker.onOverdue((e) =>
  console.log(`${name} overdue: ${e.provider} ${e.jobId} (expected by ${e.expectedBy.toISOString()})`),
);
worker.onDeadLetter((event, error) => console.log(`${name} dead letter: ${event.jobId}: ${error.message}`));

await worker.worker.waitUntilReady();
console.log(`${name} ready`);
process.on("SIGTERM", () => void worker.close().then(() => process.exit(0)));
