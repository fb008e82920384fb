import type { TranscriptionEvent } from "../events";
import { createEvent, type ResultConfig } from "../transcript/event";

/**
 * Rebuilds an event that went through `JSON.stringify` (a queue): `receivedAt` is a `Date` again,
 * `source` defaults to `"callback"`, everything else (payload, metadata, error) is kept as stored,
 * and `transcript()` / `captions()` work with `config` (the provider's `apiKey` / `apiBaseUrl` in the
 * worker). Throws a TypeError when `data` is not an event.
 *
 * @example
 * ```ts
 * const event = reviveEvent(JSON.parse(job.data), { apiKey: process.env.AAI_API_KEY });
 * event.receivedAt instanceof Date; // true
 * await event.transcript();
 * ```
 */
export function reviveEvent(data: unknown, config: ResultConfig = {}): TranscriptionEvent {
  const d = data as Partial<Record<keyof TranscriptionEvent, unknown>> | null;
  if (
    !d ||
    typeof d !== "object" ||
    typeof d.provider !== "string" ||
    typeof d.jobId !== "string" ||
    typeof d.type !== "string" ||
    typeof d.idempotencyKey !== "string"
  ) {
    throw new TypeError("reviveEvent: the data is not a stored TranscriptionEvent");
  }
  const receivedAt = new Date(d.receivedAt as string | number | Date);
  return createEvent<TranscriptionEvent>(config, {
    ...(d as Record<string, unknown>),
    provider: d.provider,
    jobId: d.jobId,
    payload: d.payload,
    source: d.source === "poll" ? "poll" : "callback",
    receivedAt: Number.isNaN(receivedAt.getTime()) ? new Date() : receivedAt,
    metadata: (d.metadata as Record<string, string> | undefined) ?? {},
  });
}
