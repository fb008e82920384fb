import { type CallbackUrlOptions, signCallbackUrl } from "./callback-url";
import { compileProviders, type Definitions } from "./compile-providers";
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
import { headerCounter } from "./header-count";
import { headerReader, type WebhookRequest, type WebhookResponse } from "./http";
import { type ReceiverOptions, validateReceiverOptions } from "./options";
import { createPipeline, type Delivery } from "./receiver/deliver";
import { internalError, toFetchResponse } from "./receiver/respond";
import { createRouter } from "./receiver/route";
import { createRunOnce } from "./receiver/run-once";
import { parseDuration } from "./units";
import { secretList } from "./verify/hmac";
import { clientAddress } from "./verify/ip-allowlist";

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
  /** Adds a handler for one event type, typed for that type's events; returns a function that removes it. */
  on<T extends EventType>(type: T, handler: EventHandler<TranscriptionEvent<ProviderId, T>>): () => void;
  /** Adds a handler for `transcription.completed`. */
  onComplete(handler: EventHandler<TranscriptionEvent<ProviderId, "transcription.completed">>): () => void;
  /** Adds a handler for `transcription.failed` (failed and cancelled jobs). */
  onFailed(handler: EventHandler<TranscriptionEvent<ProviderId, "transcription.failed">>): () => void;
  /** Adds a handler for every event, after the type's own handlers. */
  onAny(handler: EventHandler<TranscriptionEvent>): () => void;
  /** Adds a listener for refused or failed deliveries, for logging. Its errors are ignored. */
  onRejected(handler: EventHandler<RejectedDelivery>): () => void;
}

/**
 * Builds the framework-free receiver from options, its provider ids resolved against `builtins`
 * (see `createReceiver` in create-receiver.ts and fetch.ts, and lazy options in receiver/lazy.ts).
 * Misconfiguration throws here, with a message saying how to fix it. The request logic lives in
 * `receiver/`: routing (`route.ts`), the pipeline of one delivery (`deliver.ts`), running the
 * handlers once (`run-once.ts`) and the responses (`respond.ts`).
 */
export function buildReceiver(
  options: ReceiverOptions,
  builtins: Definitions,
  emitter: Emitter = new Emitter(),
): Receiver {
  validateReceiverOptions(options);
  const urlSecrets = options.urlTokenSecret === undefined ? [] : secretList(options.urlTokenSecret);
  const providers = compileProviders(options, urlSecrets.length > 0, builtins);
  const router = createRouter(options.path ?? "/webhooks", providers);
  const runOnce = createRunOnce({
    store: options.store ?? memoryStore(),
    emitter,
    claimTtlMs: parseDuration(options.claimTtl ?? "60s", "claimTtl"),
    dedupeTtlMs: parseDuration(options.dedupeTtl ?? "7d", "dedupeTtl"),
    handlerTimeoutMs: parseDuration(options.handlerTimeout ?? "8s", "handlerTimeout"),
  });
  const deliver = createPipeline({
    urlSecrets,
    bodyTimeoutMs: parseDuration(options.bodyTimeout ?? "30s", "bodyTimeout"),
    runOnce,
  });

  async function handle(request: WebhookRequest): Promise<WebhookResponse> {
    const header = headerReader(request.headers);
    const count = headerCounter(request.headers, request.headersDistinct);
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
      return signCallbackUrl({ ...opts, path: `${router.base}/${opts.provider}`, secret: urlSecrets[0]! });
    },
    on: (type, fn) => emitter.on(type, fn),
    onComplete: (fn) => emitter.on("transcription.completed", fn),
    onFailed: (fn) => emitter.on("transcription.failed", fn),
    onAny: (fn) => emitter.on("*", fn),
    onRejected: (fn) => emitter.onRejected(fn),
  };
}

/** True when the request says a body follows (a non-zero Content-Length, or chunked). */
function announcesBody(header: (name: string) => string | undefined): boolean {
  const length = header("content-length");
  if (length !== undefined && length.trim() !== "0") return true;
  return header("transfer-encoding") !== undefined;
}
