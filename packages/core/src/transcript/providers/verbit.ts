import { defineResultClient } from "../client";

/**
 * Verbit: its transcript API is documented only to customers, not publicly, so scribehook cannot
 * fetch Verbit results: `transcript()` and `fetchTranscript()` reject with `unsupported`. Use the
 * `job_id` of the event with Verbit's own client.
 * Docs: https://verbit.ai (no public API reference)
 *
 * @example
 * ```ts
 * hooks.onComplete((e) => { if (e.provider === "verbit") downloadWithVerbitClient(e.jobId); });
 * ```
 */
export const verbitResult = defineResultClient({
  id: "verbit",
  name: "Verbit",
  docs: "https://verbit.ai",
  unsupported: "Verbit publishes no public API to fetch a transcript; use its own client with event.jobId",
});
