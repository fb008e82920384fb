import {
  type EventType,
  fetchJobStatus,
  type JobStatusFn,
  type OverdueEvent,
  type ProvidersOptions,
  pollJob,
  queueJobId,
  type ResultConfig,
  resultClients,
  reviveEvent,
  reviveOverdue,
  type TranscriptionEvent,
} from "@scribehook/core";
import { type ConnectionOptions, type Job, Queue, Worker } from "bullmq";
import { warnIfEvicting } from "./eviction";
import { createHandlers, type DeadLetterHandler, type WorkerHandler } from "./handlers";
import { arrivedKey, EVENT_JOB, OVERDUE_JOB } from "./keys";
import type { EventJobOptions } from "./queue";

/**
 * Options of {@link transcriptionWorker}. `concurrency`, `lockDuration`, `stalledInterval` and
 * `maxStalledCount` are BullMQ worker options.
 *
 * @example
 * ```ts
 * const options: TranscriptionWorkerOptions = {
 *   connection: { host: "127.0.0.1", port: 6379 }, name: "transcriptions",
 *   providers: { assemblyai: { apiKey: process.env.AAI_API_KEY } }, concurrency: 4,
 * };
 * ```
 */
export interface TranscriptionWorkerOptions {
  /** ioredis options (`{ host, port, password, tls }`) or an ioredis instance. */
  connection: ConnectionOptions;
  /** The queue name given to `bullmqQueue()`. */
  name: string;
  /** BullMQ key prefix, as given to `bullmqQueue()`. Default `"bull"`. */
  prefix?: string;
  /** Result-fetching configuration per provider (`apiKey`, `apiBaseUrl`); no webhook secrets are needed here. */
  providers?: { [P in keyof ProvidersOptions]?: { apiKey?: string; apiBaseUrl?: string } };
  /** Jobs run at once by this worker. Default 1. */
  concurrency?: number;
  /** How long (ms) a running job's lock lasts; renewed at half of it while the job runs. Default 30 000. */
  lockDuration?: number;
  /** How often (ms) workers look for jobs whose worker died. Default 30 000. */
  stalledInterval?: number;
  /** How many times a job may stall before it fails for good. Default 1. */
  maxStalledCount?: number;
  /**
   * The watchdog's poll step: asks a provider's status API about an overdue job, for providers
   * configured here with an `apiKey`. Default `fetchJobStatus` from `@scribehook/core`.
   */
  jobStatus?: JobStatusFn;
}

/**
 * A worker that runs handlers for the events a `bullmqQueue()` receiver queued. A handler that
 * throws fails the attempt: BullMQ retries it with the queue's backoff up to `attempts`;
 * `UnrecoverableError` stops the retries at once. A job that fails for good (attempts used up,
 * unrecoverable, or stalled more than `maxStalledCount` times) reaches `onDeadLetter` and stays in
 * BullMQ's failed set.
 *
 * @example
 * ```ts
 * const worker: TranscriptionWorker = transcriptionWorker({ connection, name: "transcriptions" });
 * const stop = worker.onComplete(async (event) => save(event.idempotencyKey, event.jobId));
 * stop(); // removes the handler again
 * ```
 */
export interface TranscriptionWorker {
  /** BullMQ's own `Worker`, for inspection and events. */
  readonly worker: Worker;
  /** Adds a handler for one event type; returns a function that removes it. */
  on(type: EventType, handler: WorkerHandler<TranscriptionEvent>): () => void;
  on(type: "transcription.overdue", handler: WorkerHandler<OverdueEvent>): () => void;
  /** Adds a handler for `transcription.completed`. */
  onComplete(handler: WorkerHandler<TranscriptionEvent>): () => void;
  /** Adds a handler for `transcription.failed` (failed and cancelled jobs). */
  onFailed(handler: WorkerHandler<TranscriptionEvent>): () => void;
  /** Adds a handler for every transcription event, after the type's own handlers. */
  onAny(handler: WorkerHandler<TranscriptionEvent>): () => void;
  /** Adds a handler for `transcription.overdue`: an expected callback did not come in time. */
  onOverdue(handler: WorkerHandler<OverdueEvent>): () => void;
  /** Adds a handler for jobs that failed for good; its own errors are passed to `onError`. */
  onDeadLetter(handler: DeadLetterHandler): () => void;
  /** Adds a listener for errors outside a job (Redis connection, a dead-letter handler that threw). */
  onError(handler: (error: Error) => void): () => void;
  /** Finishes the running jobs, then closes the connections. */
  close(): Promise<void>;
}

/**
 * Starts a BullMQ worker for the queue `name`: each event job is revived into a
 * `TranscriptionEvent` (dates are Dates, payload and metadata as delivered) and given to the
 * handlers; each watchdog job checks whether a callback arrived, then polls the provider (with
 * `jobStatus` and an `apiKey`), then emits `transcription.overdue`. Delivery is at least once:
 * key your side effects by `event.idempotencyKey`.
 *
 * @example
 * ```ts
 * import { transcriptionWorker } from "@scribehook/bullmq";
 *
 * const worker = transcriptionWorker({ connection: { host: "127.0.0.1", port: 6379 }, name: "transcriptions", concurrency: 4 });
 * worker.onComplete(async (event) => {
 *   await db.upsert({ key: event.idempotencyKey, provider: event.provider, jobId: event.jobId });
 * });
 * worker.onDeadLetter(async (event, error) => console.error("gave up on", event.jobId, error.message));
 * process.on("SIGTERM", () => worker.close());
 * ```
 */
export function transcriptionWorker(options: TranscriptionWorkerOptions): TranscriptionWorker {
  if (!options || typeof options !== "object" || !options.connection) {
    throw new TypeError('transcriptionWorker: give { connection: { host, port }, name: "transcriptions" }');
  }
  if (typeof options.name !== "string" || options.name === "" || options.name.includes(":")) {
    throw new TypeError("transcriptionWorker: name must be the queue name given to bullmqQueue()");
  }
  const handlers = createHandlers();
  const errorListeners = new Set<(error: Error) => void>();
  const reportError = (error: Error) => {
    for (const fn of errorListeners) {
      try {
        fn(error);
      } catch {}
    }
  };
  const providers = options.providers ?? {};
  /** A provider's result settings (`apiKey`, `apiBaseUrl`), for the poll step and `event.transcript()`. */
  const configOf = (provider: string): ResultConfig => {
    const config =
      (Object.hasOwn(providers, provider)
        ? (providers as Record<string, { apiKey?: string; apiBaseUrl?: string } | undefined>)[provider]
        : undefined) ?? {};
    const client = Object.hasOwn(resultClients, provider) ? resultClients[provider] : undefined;
    return { apiKey: config.apiKey, apiBaseUrl: config.apiBaseUrl, client };
  };
  let queue: Queue | undefined;
  // The queue this worker adds polled events to (created on first use).
  const ownQueue = () => {
    if (!queue) {
      queue = new Queue(options.name, {
        connection: options.connection,
        ...(options.prefix ? { prefix: options.prefix } : {}),
      });
      queue.on("error", reportError);
    }
    return queue;
  };

  async function processOverdue(job: Job): Promise<void> {
    const due = reviveOverdue(job.data);
    const q = ownQueue();
    const redis = await q.getBackend().client;
    if ((await redis.get(await arrivedKey(q, due.provider, due.jobId))) !== null) return;
    const event = await pollJob({
      ...due,
      ...configOf(due.provider),
      jobStatus: options.jobStatus ?? fetchJobStatus,
    });
    if (event) {
      // Queued like a delivery, under the id of its idempotency key: a late callback is a duplicate.
      const jobOptions = (job.data as { eventJobOptions?: EventJobOptions }).eventJobOptions ?? {};
      await q.add(EVENT_JOB, event, { ...jobOptions, jobId: await queueJobId(event.idempotencyKey) });
      return;
    }
    await handlers.run(["transcription.overdue"], due);
  }

  const worker = new Worker(
    options.name,
    async (job: Job) => {
      if (job.name === OVERDUE_JOB) return processOverdue(job);
      const event = reviveEvent(job.data, configOf((job.data as { provider?: string }).provider ?? ""));
      await handlers.run([event.type, "*"], event);
    },
    {
      connection: options.connection,
      ...(options.prefix ? { prefix: options.prefix } : {}),
      concurrency: options.concurrency ?? 1,
      ...(options.lockDuration === undefined ? {} : { lockDuration: options.lockDuration }),
      ...(options.stalledInterval === undefined ? {} : { stalledInterval: options.stalledInterval }),
      ...(options.maxStalledCount === undefined ? {} : { maxStalledCount: options.maxStalledCount }),
    },
  );
  worker.on("error", reportError);
  worker.on("failed", (job, error) => {
    // BullMQ sets finishedOn only when the job failed for good (not when it will be retried).
    if (!job?.finishedOn) return;
    let carried: TranscriptionEvent | OverdueEvent;
    try {
      carried =
        job.name === OVERDUE_JOB
          ? reviveOverdue(job.data)
          : reviveEvent(job.data, configOf((job.data as { provider?: string }).provider ?? ""));
    } catch (err) {
      reportError(err as Error);
      return;
    }
    handlers.run(["dead-letter"], carried, error).catch((err: unknown) => {
      reportError(Object.assign(new Error("An onDeadLetter handler threw", { cause: err })));
    });
  });
  worker
    .waitUntilReady()
    .then(async () => warnIfEvicting(await worker.getBackend().client))
    .catch(() => {});

  return {
    worker,
    on: (type: EventType | "transcription.overdue", fn: WorkerHandler<any>) => handlers.add(type, fn),
    onComplete: (fn) => handlers.add("transcription.completed", fn),
    onFailed: (fn) => handlers.add("transcription.failed", fn),
    onAny: (fn) => handlers.add("*", fn),
    onOverdue: (fn) => handlers.add("transcription.overdue", fn),
    onDeadLetter: (fn) => handlers.add("dead-letter", fn),
    onError(fn) {
      errorListeners.add(fn);
      return () => void errorListeners.delete(fn);
    },
    async close() {
      await worker.close();
      await queue?.close();
    },
  };
}
