import type { WebhookErrorCode } from "./errors";
import type { BuiltinPayloads } from "./providers";

/**
 * Payload type of each provider id. Built-in providers are listed; add your own custom provider's
 * payload by module augmentation, and its events narrow like the built-in ones.
 *
 * @example
 * ```ts
 * declare module "@scribehook/core" {
 *   interface ProviderPayloads { inhouse: { job: string; state: "done" | "error" } }
 * }
 * ```
 */
export interface ProviderPayloads extends BuiltinPayloads {}

/** Any provider id scribehook knows the payload type of. */
export type ProviderId = keyof ProviderPayloads & string;
/** The body type of a provider's deliveries. */
export type ProviderPayload<P extends ProviderId> = ProviderPayloads[P];

/** Normalised status of a job. */
export type EventStatus = "completed" | "failed" | "processing" | "cancelled" | "other";
/** Event types, derived from the status: completed → completed; failed, cancelled → failed; else updated. */
export type EventType = "transcription.completed" | "transcription.failed" | "transcription.updated";

/**
 * The statuses each event type carries.
 *
 * @example
 * ```ts
 * const status: StatusOfType["transcription.failed"] = "cancelled";
 * ```
 */
export interface StatusOfType {
  "transcription.completed": "completed";
  "transcription.failed": "failed" | "cancelled";
  "transcription.updated": "processing" | "other";
}

interface EventOf<P extends ProviderId, T extends EventType> {
  type: T;
  provider: P;
  /** The provider's transcript / job / session id. */
  jobId: string;
  status: StatusOfType[T];
  /** The status exactly as the provider sent it. */
  providerStatus: string;
  /** `${provider}:${jobId}:${providerStatus}` unless the provider sends its own delivery id. */
  idempotencyKey: string;
  receivedAt: Date;
  /** From a verified callback URL token only; empty otherwise. */
  metadata: Record<string, string>;
  error?: { code?: string; message?: string };
  /** The provider's body, typed per provider. */
  payload: ProviderPayload<P>;
}

/**
 * One verified, de-duplicated delivery. A union discriminated by `provider` and by `type`: checking
 * `event.provider` narrows `event.payload`, checking `event.type` narrows `event.status`, and
 * `on("transcription.completed", h)` hands `h` only the completed events.
 *
 * @example
 * ```ts
 * hooks.onComplete((event) => {
 *   if (event.provider === "gladia") console.log(event.payload.payload?.transcription?.full_transcript);
 * });
 * const failed: TranscriptionEvent<"revai", "transcription.failed">[] = [];
 * ```
 */
export type TranscriptionEvent<
  P extends ProviderId = ProviderId,
  T extends EventType = EventType,
> = P extends ProviderId ? (T extends EventType ? EventOf<P, T> : never) : never;

/** A delivery that was refused or failed, for logging. Carries no secret of scribehook's and no body. */
export interface RejectedDelivery {
  status: number;
  code: WebhookErrorCode;
  message: string;
  provider?: string;
  method: string;
  path: string;
  ip?: string;
  /**
   * What failed, for logging (never sent to the provider): the value a handler threw (same object) for
   * `handler_failed`, the unexpected error for `internal_error`, otherwise the `WebhookError` itself,
   * whose `cause` holds any underlying error (a store's, a parser's).
   */
  error?: unknown;
}

/** A handler; the response to the provider waits for the promise it returns. */
export type EventHandler<E = TranscriptionEvent> = (event: E) => void | Promise<void>;

export const eventType = (status: EventStatus): EventType =>
  status === "completed"
    ? "transcription.completed"
    : status === "failed" || status === "cancelled"
      ? "transcription.failed"
      : "transcription.updated";

/** Handlers by event type, run in the order they were added. */
export class Emitter {
  readonly #byType = new Map<EventType | "*", Set<EventHandler<any>>>();
  readonly #rejected = new Set<EventHandler<RejectedDelivery>>();

  on(type: EventType | "*", fn: EventHandler<any>): () => void {
    const set = this.#byType.get(type) ?? new Set();
    this.#byType.set(type, set);
    // Wrapping lets the same function be added twice and removed once per unsubscribe.
    const entry: EventHandler<any> = (e) => fn(e);
    set.add(entry);
    return () => void set.delete(entry);
  }

  onRejected(fn: EventHandler<RejectedDelivery>): () => void {
    const entry: EventHandler<RejectedDelivery> = (e) => fn(e);
    this.#rejected.add(entry);
    return () => void this.#rejected.delete(entry);
  }

  /** Runs the handlers of the event's type, then the catch-all ones; the first to throw stops the rest. */
  async emit(event: TranscriptionEvent): Promise<void> {
    for (const type of [event.type, "*"] as const) {
      const set = this.#byType.get(type);
      if (set) for (const fn of [...set]) await fn(event);
    }
  }

  /** Rejection listeners are for logging: one that throws must not change the answer. */
  rejected(delivery: RejectedDelivery): void {
    for (const fn of this.#rejected) {
      try {
        Promise.resolve(fn(delivery)).catch(() => {});
      } catch {}
    }
  }
}
