import type { CallbackUrlOptions } from "../callback-url";
import type { EventHandler, EventType, ProviderId, RejectedDelivery, TranscriptionEvent } from "../events";
import type { WebhookRequest, WebhookResponse } from "../http";
import type { Expectation, OverdueEvent } from "../watchdog/overdue";

/**
 * The receiver: verifies, normalises and de-duplicates deliveries, and calls your handlers.
 * Adapters (`@scribehook/express`, `koa`, `fastify`) are receivers too.
 */
export interface Receiver {
  /** The normalised base path, e.g. `/webhooks`. */
  readonly path: string;
  /** Runs the whole pipeline for one request. Never throws: every outcome is a response. */
  handle(request: WebhookRequest): Promise<WebhookResponse>;
  /**
   * True when `url` addresses a configured provider (`<base>/<id>`, any method): the requests the
   * receiver answers. Express and Koa pass every other request on, even under the base path.
   */
  matches(url: string): boolean;
  /**
   * The receiver as a Fetch-API handler (Hono, Next.js route handlers, Workers, Bun, Deno). `info.ip`
   * is the client address (for `allowIps`); `info.env` is passed to lazy options on the first request.
   */
  fetch(request: Request, info?: { ip?: string; env?: unknown }): Promise<Response>;
  /** A callback URL for `provider`, signed with `urlTokenSecret`, carrying `metadata` back to you. */
  callbackUrl(options: CallbackUrlOptions): string;
  /**
   * Adds a handler for one event type, typed for that type's events; returns a function that
   * removes it. With the `queue` option handlers run in workers, and every `on*()` but `onRejected`
   * throws a TypeError.
   */
  on<T extends EventType>(type: T, handler: EventHandler<TranscriptionEvent<ProviderId, T>>): () => void;
  /** Adds a handler for callbacks that did not come in time (see `expect()`). */
  on(type: "transcription.overdue", handler: EventHandler<OverdueEvent>): () => void;
  /** Adds a handler for `transcription.completed`. */
  onComplete(handler: EventHandler<TranscriptionEvent<ProviderId, "transcription.completed">>): () => void;
  /** Adds a handler for `transcription.failed` (failed and cancelled jobs). */
  onFailed(handler: EventHandler<TranscriptionEvent<ProviderId, "transcription.failed">>): () => void;
  /** Adds a handler for every event, after the type's own handlers. */
  onAny(handler: EventHandler<TranscriptionEvent>): () => void;
  /** Adds a handler for `transcription.overdue`: an expected callback did not come in time. */
  onOverdue(handler: EventHandler<OverdueEvent>): () => void;
  /** Adds a listener for refused or failed deliveries, for logging. Its errors are ignored. */
  onRejected(handler: EventHandler<RejectedDelivery>): () => void;
  /**
   * Records that a callback for `provider`/`jobId` is due `within` a duration. If no completed or
   * failed callback comes by then, the watchdog first asks the provider's status API (with the
   * `jobStatus` option and the provider's `apiKey`), then emits `transcription.overdue`. Without a
   * queue the deadline lives in this process; with one it is stored in the queue and survives restarts.
   */
  expect(expectation: Expectation): Promise<void>;
  /** Clears the watchdog's timers and closes the queue, if any. */
  close(): Promise<void>;
}
