import { queueJobId } from "@scribehook/core";
import type { Queue } from "bullmq";

/** BullMQ job name of a delivered (or polled) event. */
export const EVENT_JOB = "event";
/** BullMQ job name of a watchdog deadline. */
export const OVERDUE_JOB = "overdue";
/** How long the "a callback arrived" marker is kept: also the longest `within` a queued `expect()` takes. */
export const ARRIVED_TTL_MS = 30 * 86_400_000;

/** Hash of a provider and job id, for keys and job ids (no `:`, fixed length). */
const jobHash = (provider: string, jobId: string) => queueJobId(JSON.stringify([provider, jobId]));

/** The job id of the watchdog deadline of one provider job: one per job, a later `expect()` replaces it. */
export const overdueJobId = async (provider: string, jobId: string) =>
  `overdue-${await jobHash(provider, jobId)}`;

/**
 * The Redis key saying a completed or failed callback arrived for a provider job, read by the
 * overdue job when it fires. Lives beside the queue's own keys (`<prefix>:<name>:…`).
 */
export const arrivedKey = async (queue: Pick<Queue, "toKey">, provider: string, jobId: string) =>
  queue.toKey(`scribehook-arrived:${await jobHash(provider, jobId)}`);
