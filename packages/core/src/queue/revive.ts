import type { TranscriptionEvent } from "../events";

/**
 * Rebuilds an event that went through `JSON.stringify` (a queue): `receivedAt` is a `Date` again,
 * `source` defaults to `"callback"`, everything else (payload, metadata, error) is kept as stored.
 * Throws a TypeError when `data` is not an event.
 *
 * @example
 * ```ts
 * const event = reviveEvent(JSON.parse(job.data));
 * event.receivedAt instanceof Date; // true
 * ```
 */
export function reviveEvent(data: unknown): TranscriptionEvent {
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
  return {
    ...d,
    source: d.source === "poll" ? "poll" : "callback",
    receivedAt: Number.isNaN(receivedAt.getTime()) ? new Date() : receivedAt,
    metadata: (d.metadata as Record<string, string> | undefined) ?? {},
  } as TranscriptionEvent;
}
