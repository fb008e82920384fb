import type { EventStatus } from "./events";

/**
 * The idempotency key of an event whose provider sends no delivery id of its own. A finished job is
 * keyed by its outcome, `provider:jobId:completed` or `provider:jobId:failed` (failed and cancelled),
 * so a poll and a late callback for the same outcome, or a provider's two spellings of it, are one
 * event; any other status is keyed by the provider's own status string.
 *
 * @example
 * ```ts
 * defaultIdempotencyKey("assemblyai", "tr_1", "failed", "error");         // "assemblyai:tr_1:failed"
 * defaultIdempotencyKey("gladia", "gl_1", "processing", "transcription.started"); // "gladia:gl_1:transcription.started"
 * ```
 */
export function defaultIdempotencyKey(
  provider: string,
  jobId: string,
  status: EventStatus,
  providerStatus: string,
): string {
  const outcome =
    status === "completed"
      ? "completed"
      : status === "failed" || status === "cancelled"
        ? "failed"
        : undefined;
  return `${provider}:${jobId}:${outcome ?? providerStatus}`;
}
