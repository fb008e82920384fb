import { eventType, type TranscriptionEvent } from "../events";
import { defaultIdempotencyKey } from "../idempotency-key";
import type { ResultClient } from "../transcript/client";
import { createEvent } from "../transcript/event";
import type { JobStatusFn } from "./overdue";

/**
 * What the poll step needs: the job, the provider's API settings, and the status function.
 *
 * @example
 * ```ts
 * const options: PollOptions = { provider: "assemblyai", jobId: "tr_1", apiKey: process.env.AAI_KEY, jobStatus: fetchJobStatus };
 * ```
 */
export interface PollOptions {
  provider: string;
  jobId: string;
  apiKey?: string;
  apiBaseUrl?: string;
  jobStatus: JobStatusFn;
  signal?: AbortSignal;
  /** The provider's result client, so `transcript()` works on the polled event. */
  client?: ResultClient;
}

/**
 * The watchdog's poll step: asks the provider's status API where the job stands. A finished job
 * (completed, failed or cancelled) becomes the event its callback would have produced, with
 * `source: "poll"`, an empty `payload` and the idempotency key of that outcome, so a late callback
 * for the same outcome is a duplicate. Anything else — still running, no API key, no status API,
 * the API unreachable — resolves `undefined` (the job is overdue).
 *
 * @example
 * ```ts
 * const event = await pollJob({ provider: "assemblyai", jobId, apiKey, jobStatus: fetchJobStatus });
 * if (event) await handle(event); else reportOverdue();
 * ```
 */
export async function pollJob(options: PollOptions): Promise<TranscriptionEvent | undefined> {
  const fields = await pollOutcome(options);
  if (!fields) return undefined;
  // transcript() works on a polled event too: the payload is empty, so it asks the provider's API.
  const { apiKey, apiBaseUrl, client } = options;
  return createEvent<TranscriptionEvent>({ apiKey, client, ...(apiBaseUrl ? { apiBaseUrl } : {}) }, fields);
}

/** The fields of a polled event (what `createEvent` takes). */
export type PolledFields = Record<string, unknown> & { provider: string; jobId: string; payload: unknown };

/**
 * The poll step without the event: the fields of the event a finished job's callback would have
 * produced (`source: "poll"`, an empty `payload`), or `undefined` while it is not finished. The
 * receiver builds the event itself, with or without a result client.
 */
export async function pollOutcome(
  options: Omit<PollOptions, "client">,
): Promise<(Record<string, unknown> & { provider: string; jobId: string; payload: unknown }) | undefined> {
  const { provider, jobId, apiKey } = options;
  if (!apiKey) return undefined;
  let result: Awaited<ReturnType<JobStatusFn>>;
  try {
    result = await options.jobStatus({
      provider,
      jobId,
      apiKey,
      ...(options.apiBaseUrl ? { apiBaseUrl: options.apiBaseUrl } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch {
    return undefined;
  }
  const type = eventType(result.status);
  if (type === "transcription.updated") return undefined;
  return {
    type,
    provider,
    jobId,
    status: result.status,
    providerStatus: result.providerStatus,
    idempotencyKey: defaultIdempotencyKey(provider, jobId, result.status, result.providerStatus),
    receivedAt: new Date(),
    source: "poll",
    metadata: {},
    ...(result.error ? { error: result.error } : {}),
    payload: {},
  };
}
