import type { CallbackUrlOptions } from "./callback-url";
import { compileProviders, type ProviderParts } from "./compile-providers";
import { memoryStore } from "./dedupe/memory-store";
import { WebhookError } from "./errors";
import {
  Emitter,
  type EventHandler,
  type EventType,
  type ProviderId,
  type RejectedDelivery,
  type TranscriptionEvent,
} from "./events";
import { requestHeaders } from "./header-count";
import type { WebhookRequest, WebhookResponse } from "./http";
import { type ReceiverOptions, validateReceiverOptions } from "./options";
import { createPipeline, type Delivery } from "./receiver/deliver";
import { internalError, OK, toFetchResponse } from "./receiver/respond";
import { resultWiring } from "./receiver/results";
import { createRouter } from "./receiver/route";
import { createRunOnce } from "./receiver/run-once";
import type { ResultReader } from "./transcript/reader";
import { parseDuration } from "./units";
import { secretList } from "./verify/hmac";
import { clientAddress } from "./verify/ip-allowlist";
import type { Expectation, OverdueEvent } from "./watchdog/overdue";

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

/**
 * What an entry wires in by itself: the root (`@scribehook/core`) every built-in provider, result
 * reader, the watchdog, URL signing, the multipart reader, the `allowIps` checker and the queue's
 * enqueuer; `@scribehook/core/fetch` none of them, so that an edge bundle carries only what its
 * options import. Options add to these (`definitions`, `results`, `watchdog`, `signCallbackUrl`,
 * `ipAllowList`, `enqueueOnce`; a definition that accepts multipart carries its reader).
 */
export interface EntryParts extends ProviderParts {
  results?: () => readonly ResultReader[];
  watchdog?: ReceiverOptions["watchdog"];
  signCallbackUrl?: ReceiverOptions["signCallbackUrl"];
  enqueueOnce?: ReceiverOptions["enqueueOnce"];
}

/**
 * Builds the framework-free receiver from options, its provider ids resolved against
 * `parts.definitions` (see `createReceiver` in create-receiver.ts and fetch.ts, and lazy options in
 * receiver/lazy.ts). Misconfiguration throws here, with a message saying how to fix it. The request
 * logic lives in `receiver/`: routing (`route.ts`), the pipeline of one delivery (`deliver.ts`),
 * running the handlers once (`run-once.ts`) and the responses (`respond.ts`).
 */
export function buildReceiver(
  options: ReceiverOptions,
  parts: EntryParts,
  emitter: Emitter = new Emitter(),
): Receiver {
  validateReceiverOptions(options);
  const urlSecrets = options.urlTokenSecret === undefined ? [] : secretList(options.urlTokenSecret);
  const providers = compileProviders(options, urlSecrets.length > 0, parts);
  const router = createRouter(options.path ?? "/webhooks", providers);
  const runOnce = createRunOnce({
    store: options.store ?? memoryStore(),
    emitter,
    claimTtlMs: parseDuration(options.claimTtl ?? "60s", "claimTtl"),
    dedupeTtlMs: parseDuration(options.dedupeTtl ?? "7d", "dedupeTtl"),
    handlerTimeoutMs: parseDuration(options.handlerTimeout ?? "8s", "handlerTimeout"),
  });
  const queue = options.queue;
  const createEnqueueOnce = options.enqueueOnce ?? parts.enqueueOnce;
  if (queue && !createEnqueueOnce) {
    throw new TypeError(
      `queue: ${parts.entry} hands events to a queue only when given the enqueuer: add import { createEnqueueOnce } from "${parts.entry}" and give enqueueOnce: createEnqueueOnce in the receiver options`,
    );
  }
  const enqueueOnce = queue
    ? createEnqueueOnce!({
        queue,
        store: options.store ?? memoryStore(),
        claimTtlMs: parseDuration(options.claimTtl ?? "60s", "claimTtl"),
        dedupeTtlMs: parseDuration(options.dedupeTtl ?? "7d", "dedupeTtl"),
        enqueueTimeoutMs: parseDuration(options.enqueueTimeout ?? "5s", "enqueueTimeout"),
      })
    : undefined;

  const results = resultWiring(parts.entry, parts.results?.() ?? [], options);
  const watchdog = (options.watchdog ?? parts.watchdog)?.({
    statusOf: (id) => results.statusOf(providers.get(id)!),
    settle: (id, fields) => settle(results.event(providers.get(id)!, fields), OK),
  });
  /** The watchdog, or a TypeError naming the import when this entry has none. */
  const needWatchdog = (what: string) => {
    if (!watchdog) {
      throw new TypeError(
        `${what}: ${parts.entry} has no watchdog unless you give one: add import { memoryWatchdog } from "${parts.entry}" and give watchdog: memoryWatchdog in the receiver options`,
      );
    }
    return watchdog;
  };
  const settle = (event: TranscriptionEvent, success: WebhookResponse): Promise<WebhookResponse> => {
    watchdog?.arrived(event);
    return (enqueueOnce ?? runOnce)(event, success);
  };
  const deliver = createPipeline({
    urlSecrets,
    bodyTimeoutMs: parseDuration(options.bodyTimeout ?? "30s", "bodyTimeout"),
    runOnce: settle,
    makeEvent: results.event,
  });
  /** With a queue, handlers belong to workers: adding one here would silently never run. */
  const handlersHere = <A extends unknown[], R>(fn: (...args: A) => R) =>
    queue
      ? () => {
          throw new TypeError(
            "This receiver has a queue: handlers run in workers, not in the web process. Add them to the worker, e.g. transcriptionWorker({ connection, name }).onComplete(handler) from @scribehook/bullmq",
          );
        }
      : fn;

  async function handle(request: WebhookRequest): Promise<WebhookResponse> {
    const { header, count } = requestHeaders(request);
    const method = request.method.toUpperCase();
    let url: URL;
    try {
      url = new URL(request.url, "http://localhost");
    } catch {
      url = new URL("http://localhost/");
    }
    const ip = clientAddress(request.ip, header("x-forwarded-for"), options.trustProxy ?? false);
    let providerId: string | undefined;
    const delivery: Delivery = { method, url, header, count, body: request.body, ip };
    // An answer given without reading an announced body closes the connection: otherwise the server
    // would read (drain) the whole body to keep the connection alive, however large it is.
    const closeIfUnread = (res: WebhookResponse): WebhookResponse =>
      delivery.bodyStarted || !announcesBody(header) || res.headers.connection
        ? res
        : { ...res, headers: { ...res.headers, connection: "close" } };
    try {
      const provider = router.route(url.pathname);
      providerId = provider.definition.id;
      return closeIfUnread(await deliver(provider, delivery));
    } catch (err) {
      const error = err instanceof WebhookError ? err : internalError(err);
      // A handler's or an unexpected failure is reported as the value thrown; a refusal as itself.
      const thrown = !(err instanceof WebhookError) ? err : err.code === "handler_failed" ? err.cause : err;
      emitter.rejected({
        status: error.status,
        code: error.code,
        message: error.message,
        provider: providerId,
        method,
        path: url.pathname,
        ip,
        error: thrown,
      });
      return closeIfUnread(error.toResponse());
    }
  }

  return {
    path: router.base,
    handle,
    matches: router.matches,
    async fetch(request, info) {
      const u = new URL(request.url);
      const res = await handle({
        method: request.method,
        url: u.pathname + u.search,
        headers: request.headers,
        body: request.body,
        ip: info?.ip,
      });
      return toFetchResponse(res);
    },
    callbackUrl(opts) {
      if (!providers.has(opts.provider))
        throw new TypeError(`callbackUrl: provider "${opts.provider}" is not configured in providers`);
      if (urlSecrets.length === 0) {
        throw new TypeError("callbackUrl: set urlTokenSecret in the receiver options to sign callback URLs");
      }
      const sign = options.signCallbackUrl ?? parts.signCallbackUrl;
      if (!sign) {
        throw new TypeError(
          `callbackUrl: ${parts.entry} signs callback URLs only when given the signer: add import { signCallbackUrl } from "${parts.entry}" and give signCallbackUrl in the receiver options`,
        );
      }
      return sign({ ...opts, path: `${router.base}/${opts.provider}`, secret: urlSecrets[0]! });
    },
    on: handlersHere((type: EventType | "transcription.overdue", fn: EventHandler<any>) =>
      type === "transcription.overdue"
        ? needWatchdog('on("transcription.overdue")').onOverdue(fn)
        : emitter.on(type, fn),
    ),
    onComplete: handlersHere((fn: EventHandler<any>) => emitter.on("transcription.completed", fn)),
    onFailed: handlersHere((fn: EventHandler<any>) => emitter.on("transcription.failed", fn)),
    onAny: handlersHere((fn: EventHandler<TranscriptionEvent>) => emitter.on("*", fn)),
    onOverdue: handlersHere((fn: EventHandler<OverdueEvent>) => needWatchdog("onOverdue").onOverdue(fn)),
    onRejected: (fn) => emitter.onRejected(fn),
    async expect(expectation) {
      const { provider, jobId, within } = (expectation ?? {}) as Partial<Expectation>;
      if (typeof provider !== "string" || !providers.has(provider)) {
        throw new TypeError(`expect: provider "${String(provider)}" is not configured in providers`);
      }
      if (typeof jobId !== "string" || jobId === "")
        throw new TypeError("expect: jobId must be a non-empty string");
      const withinMs = parseDuration(within as number | string, "expect: within");
      if (!queue) return needWatchdog("expect").expect(provider, jobId, withinMs);
      if (!queue.expect) {
        throw new TypeError(
          "expect: this queue has no expect(); the watchdog needs a queue that stores deadlines",
        );
      }
      const expectedAt = new Date();
      await queue.expect({
        provider,
        jobId,
        expectedAt,
        expectedBy: new Date(expectedAt.getTime() + withinMs),
      });
    },
    async close() {
      watchdog?.close();
      await queue?.close();
    },
  };
}

/** True when the request says a body follows (a non-zero Content-Length, or chunked). */
function announcesBody(header: (name: string) => string | undefined): boolean {
  const length = header("content-length");
  if (length !== undefined && length.trim() !== "0") return true;
  return header("transfer-encoding") !== undefined;
}
