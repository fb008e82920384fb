import {
  parseDuration,
  type QueuedExpectation,
  queueJobId,
  type TranscriptionEvent,
  type TranscriptionQueue,
} from "@scribehook/core";
import { type BackoffOptions, type ConnectionOptions, type KeepJobs, Queue } from "bullmq";
import { warnIfEvicting } from "./eviction";
import { ARRIVED_TTL_MS, arrivedKey, EVENT_JOB, OVERDUE_JOB, overdueJobId } from "./keys";

/**
 * Options of {@link bullmqQueue}. `attempts`, `backoff`, `removeOnComplete` and `removeOnFail` are
 * BullMQ job options, given to every job this queue adds.
 *
 * @example
 * ```ts
 * const options: BullmqQueueOptions = {
 *   connection: { host: "127.0.0.1", port: 6379 }, name: "transcriptions",
 *   attempts: 5, backoff: { type: "exponential", delay: 1000 },
 * };
 * ```
 */
export interface BullmqQueueOptions {
  /** ioredis options (`{ host, port, password, tls }`) or an ioredis instance. */
  connection: ConnectionOptions;
  /** The BullMQ queue name; workers use the same. */
  name: string;
  /** BullMQ key prefix. Default `"bull"`. */
  prefix?: string;
  /** How many times a job is run before it is dead-lettered. Default 5. */
  attempts?: number;
  /** Delay between attempts. Default `{ type: "exponential", delay: 1000 }`. */
  backoff?: number | BackoffOptions;
  /**
   * How long or how many completed jobs BullMQ keeps. Default `{ age: 86_400 }` (a day): a
   * completed job's id answers a later copy of the same event as a duplicate while it is kept.
   */
  removeOnComplete?: boolean | number | KeepJobs;
  /** How long or how many failed (dead-lettered) jobs BullMQ keeps. Default `false`: all, until you remove them. */
  removeOnFail?: boolean | number | KeepJobs;
  /**
   * How long an add may take before `enqueue()` rejects (milliseconds or `"5s"`). Default: none here; the
   * receiver's own `enqueueTimeout` (default 5 s) applies.
   */
  enqueueTimeout?: number | string;
}

/**
 * The BullMQ queue behind a receiver; `queue` is BullMQ's own `Queue`, for inspection.
 *
 * @example
 * ```ts
 * const q: BullmqTranscriptionQueue = bullmqQueue({ connection, name: "transcriptions" });
 * console.log(await q.queue.getJobCounts("waiting", "failed"));
 * ```
 */
export interface BullmqTranscriptionQueue extends TranscriptionQueue {
  readonly queue: Queue;
  enqueue(event: TranscriptionEvent): Promise<undefined | "duplicate">;
  expect(due: QueuedExpectation): Promise<void>;
}

/**
 * The job options every event job gets, carried by watchdog jobs so a polled event gets the same.
 *
 * @example
 * ```ts
 * const opts: EventJobOptions = { attempts: 5, backoff: { type: "exponential", delay: 1000 }, removeOnComplete: { age: 86_400 }, removeOnFail: false };
 * ```
 */
export interface EventJobOptions {
  attempts: number;
  backoff: number | BackoffOptions;
  removeOnComplete: boolean | number | KeepJobs;
  removeOnFail: boolean | number | KeepJobs;
}

/**
 * A `TranscriptionQueue` on BullMQ, for the receiver's `queue` option. Each event becomes one BullMQ
 * job whose id is the SHA-256 of its idempotency key, so copies of a delivery are one job; the
 * receiver answers 200 once BullMQ has it in Redis. The connection does not queue commands while
 * Redis is away (`enableOfflineQueue: false`), so an add fails fast and the receiver answers 503.
 * `expect()` stores the watchdog's deadline as a delayed job, which survives every restart.
 *
 * @example
 * ```ts
 * import { transcriptionWebhook } from "@scribehook/express";
 * import { bullmqQueue } from "@scribehook/bullmq";
 *
 * const hooks = transcriptionWebhook({
 *   providers: { assemblyai: { headers: { "x-webhook-token": process.env.AAI_TOKEN! } } },
 *   queue: bullmqQueue({ connection: { host: "127.0.0.1", port: 6379 }, name: "transcriptions",
 *                        attempts: 5, backoff: { type: "exponential", delay: 1000 } }),
 * });
 * ```
 */
export function bullmqQueue(options: BullmqQueueOptions): BullmqTranscriptionQueue {
  if (!options || typeof options !== "object" || !options.connection) {
    throw new TypeError('bullmqQueue: give { connection: { host, port }, name: "transcriptions" }');
  }
  if (typeof options.name !== "string" || options.name === "" || options.name.includes(":")) {
    throw new TypeError(
      'bullmqQueue: name must be a non-empty queue name without ":", e.g. "transcriptions"',
    );
  }
  const attempts = options.attempts ?? 5;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new TypeError("bullmqQueue: attempts must be a whole number of at least 1");
  }
  const timeoutMs =
    options.enqueueTimeout === undefined
      ? undefined
      : parseDuration(options.enqueueTimeout, "enqueueTimeout");
  const jobOptions: EventJobOptions = {
    attempts,
    backoff: options.backoff ?? { type: "exponential", delay: 1000 },
    removeOnComplete: options.removeOnComplete ?? { age: 86_400 },
    removeOnFail: options.removeOnFail ?? false,
  };
  const queue = new Queue(options.name, {
    connection: fastFailing(options.connection),
    ...(options.prefix ? { prefix: options.prefix } : {}),
    defaultJobOptions: jobOptions,
  });
  // Connection errors surface as failed adds (503); an unheard 'error' event would crash the process.
  queue.on("error", () => {});
  const client = () => queue.getBackend().client;
  queue
    .waitUntilReady()
    .then(async () => warnIfEvicting(await client()))
    .catch(() => {});

  const bounded = <T>(work: Promise<T>): Promise<T> => {
    if (timeoutMs === undefined) return work;
    work.catch(() => {});
    let timer: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`BullMQ did not store the job within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
  };

  return {
    queue,
    enqueue(event) {
      return bounded(
        (async () => {
          const jobId = await queueJobId(event.idempotencyKey);
          const redis = await client();
          // Already queued (a copy, or the watchdog's poll): the job exists while BullMQ keeps it.
          const known = (await redis.hget(queue.toKey(jobId), "timestamp")) !== null;
          if (!known) await queue.add(EVENT_JOB, event, { jobId });
          if (event.type !== "transcription.updated") {
            // Read by the watchdog's overdue job: a callback for this job arrived.
            await redis.set(await arrivedKey(queue, event.provider, event.jobId), "1", {
              PX: ARRIVED_TTL_MS,
            });
          }
          return known ? ("duplicate" as const) : undefined;
        })(),
      );
    },
    expect(due) {
      const delay = due.expectedBy.getTime() - Date.now();
      if (delay > ARRIVED_TTL_MS) {
        return Promise.reject(new TypeError("expect: within may be at most 30 days with bullmqQueue"));
      }
      return bounded(
        (async () => {
          const jobId = await overdueJobId(due.provider, due.jobId);
          // A later expect() for the same job replaces a pending deadline (a running one stays).
          await queue.remove(jobId).catch(() => 0);
          await queue.add(
            OVERDUE_JOB,
            {
              provider: due.provider,
              jobId: due.jobId,
              expectedAt: due.expectedAt.toISOString(),
              expectedBy: due.expectedBy.toISOString(),
              eventJobOptions: jobOptions,
            },
            { jobId, delay: Math.max(0, delay), removeOnComplete: true },
          );
        })(),
      );
    },
    close: () => queue.close(),
  };
}

/**
 * Connection options that fail a command at once while Redis is unreachable, instead of queueing
 * it until a reconnect (BullMQ's advice for producers). An ioredis instance is used as given.
 */
function fastFailing(connection: ConnectionOptions): ConnectionOptions {
  if (typeof (connection as { duplicate?: unknown }).duplicate === "function") return connection;
  return { ...connection, enableOfflineQueue: false };
}
