import type { EventStatus } from "../events";

/**
 * What `receiver.expect()` takes: the provider and job a callback is due for, and how long it may
 * take (seconds or a string such as `"2h"`).
 *
 * @example
 * ```ts
 * await hooks.expect({ provider: "scriptix", jobId: session.id, within: "2h" });
 * ```
 */
export interface Expectation {
  provider: string;
  jobId: string;
  within: number | string;
}

/**
 * A callback that did not come: no completed or failed callback (nor a finished status from the
 * provider's API) for `provider` and `jobId` by `expectedBy`. `expectedAt` is when `expect()` was called.
 *
 * @example
 * ```ts
 * hooks.onOverdue(async (e) => alert(`${e.provider} job ${e.jobId}: no callback since ${e.expectedAt.toISOString()}`));
 * ```
 */
export interface OverdueEvent {
  type: "transcription.overdue";
  provider: string;
  jobId: string;
  expectedBy: Date;
  expectedAt: Date;
}

/**
 * Where a job stands according to the provider's status API (what `fetchJobStatus()` answers).
 *
 * @example
 * ```ts
 * const status: JobStatus = { status: "completed", providerStatus: "completed" };
 * ```
 */
export interface JobStatus {
  status: EventStatus;
  /** The status exactly as the provider reported it. */
  providerStatus: string;
  error?: { code?: string; message?: string };
}

/**
 * Asks a provider's status API about a job: the watchdog's poll step. Rejects when the provider has
 * no status API or cannot be reached (the watchdog then reports the job overdue).
 *
 * @example
 * ```ts
 * const jobStatus: JobStatusFn = async ({ jobId, apiKey }) => {
 *   const res = await fetch(`https://api.example.com/jobs/${jobId}`, { headers: { authorization: apiKey! } });
 *   const body = await res.json();
 *   return { status: body.done ? "completed" : "processing", providerStatus: body.state };
 * };
 * ```
 */
export type JobStatusFn = (options: {
  provider: string;
  jobId: string;
  apiKey?: string;
  apiBaseUrl?: string;
  signal?: AbortSignal;
}) => Promise<JobStatus>;

/**
 * An overdue event rebuilt from stored data (dates as strings or numbers), or a TypeError.
 *
 * @example
 * ```ts
 * const e = reviveOverdue({ provider: "scriptix", jobId: "s-1", expectedAt: "2026-01-01T00:00:00Z", expectedBy: "2026-01-01T02:00:00Z" });
 * ```
 */
export function reviveOverdue(data: {
  provider: unknown;
  jobId: unknown;
  expectedAt: unknown;
  expectedBy: unknown;
}): OverdueEvent {
  const expectedAt = new Date(data.expectedAt as string);
  const expectedBy = new Date(data.expectedBy as string);
  if (
    typeof data.provider !== "string" ||
    typeof data.jobId !== "string" ||
    Number.isNaN(expectedAt.getTime()) ||
    Number.isNaN(expectedBy.getTime())
  ) {
    throw new TypeError("reviveOverdue: the data is not a stored expectation");
  }
  return {
    type: "transcription.overdue",
    provider: data.provider,
    jobId: data.jobId,
    expectedAt,
    expectedBy,
  };
}
