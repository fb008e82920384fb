import { type CallbackUrlOptions, signCallbackUrl } from "./callback-url";
import { type CompiledProvider, compileProviders, type Definitions } from "./compile-providers";
import { memoryStore } from "./dedupe/memory-store";
import { WebhookError } from "./errors";
import {
  Emitter,
  type EventHandler,
  type EventType,
  eventType,
  type RejectedDelivery,
  type TranscriptionEvent,
} from "./events";
import { headerReader, mediaType, type WebhookRequest, type WebhookResponse } from "./http";
import { type ReceiverOptions, validateReceiverOptions } from "./options";
import { parseBody } from "./parse-body";
import type { ProviderContext } from "./providers/define-provider";
import { readBody } from "./read-body";
import { parseDuration } from "./units";
import { secretList } from "./verify/hmac";
import { clientAddress } from "./verify/ip-allowlist";
import { verifyStaticHeaders } from "./verify/static-headers";
import { URL_TOKEN_PARAM, verifyUrlToken } from "./verify/url-token";

/**
 * The receiver: verifies, normalises and de-duplicates deliveries, and calls your handlers.
 * Adapters (`@scribehook/express`, `koa`, `fastify`) are receivers too.
 */
export interface Receiver {
  /** The normalised base path, e.g. `/webhooks`. */
  readonly path: string;
  /** Runs the whole pipeline for one request. Never throws: every outcome is a response. */
  handle(request: WebhookRequest): Promise<WebhookResponse>;
  /** True when `url` lies under the base path (adapters pass every other request on). */
  matches(url: string): boolean;
  /**
   * The receiver as a Fetch-API handler (Hono, Next.js route handlers, Workers, Bun, Deno). `info.ip`
   * is the client address (for `allowIps`); `info.env` is passed to lazy options on the first request.
   */
  fetch(request: Request, info?: { ip?: string; env?: unknown }): Promise<Response>;
  /** A callback URL for `provider`, signed with `urlTokenSecret`, carrying `metadata` back to you. */
  callbackUrl(options: CallbackUrlOptions): string;
  /** Adds a handler for one event type; returns a function that removes it. */
  on(type: EventType, handler: EventHandler<TranscriptionEvent>): () => void;
  /** Adds a handler for `transcription.completed`. */
  onComplete(handler: EventHandler<TranscriptionEvent>): () => void;
  /** Adds a handler for `transcription.failed` (failed and cancelled jobs). */
  onFailed(handler: EventHandler<TranscriptionEvent>): () => void;
  /** Adds a handler for every event, after the type's own handlers. */
  onAny(handler: EventHandler<TranscriptionEvent>): () => void;
  /** Adds a listener for refused or failed deliveries, for logging. Its errors are ignored. */
  onRejected(handler: EventHandler<RejectedDelivery>): () => void;
}

const OK: WebhookResponse = json(200, { ok: true });
const DUPLICATE: WebhookResponse = json(200, { ok: true, duplicate: true });

/** Receiver options, or a function that builds them on the first request (from a Worker's `env`). */
export type ReceiverOptionsInput<Env = any> = ReceiverOptions | ((env: Env) => ReceiverOptions);

/**
 * A receiver whose provider ids resolve against `builtins` (the two entries' `createReceiver` differ
 * only there). Options given as a function are built once, on the first request, with that request's
 * `info.env`; handlers added before then apply. A function that throws is answered 500 and tried
 * again on the next request.
 */
export function createReceiverWith(builtins: Definitions, options: ReceiverOptionsInput): Receiver {
  const emitter = new Emitter();
  if (typeof options !== "function") return buildReceiver(options, builtins, emitter);
  let built: Receiver | undefined;
  const get = (env?: unknown) => {
    built ??= buildReceiver(options(env), builtins, emitter);
    return built;
  };
  const unbuilt = (request: Request, err: unknown): Response => {
    emitter.rejected({
      status: 500,
      code: "internal_error",
      message: `The receiver options could not be built: ${err instanceof Error ? err.message : String(err)}`,
      method: request.method,
      path: pathOf(request.url),
    });
    return toResponse(internal().toResponse());
  };
  return {
    get path() {
      return get().path;
    },
    handle: (request) => get().handle(request),
    matches: (url) => get().matches(url),
    async fetch(request, info) {
      let receiver: Receiver;
      try {
        receiver = get(info?.env);
      } catch (err) {
        return unbuilt(request, err);
      }
      return receiver.fetch(request, info);
    },
    callbackUrl: (opts) => get().callbackUrl(opts),
    on: (type, fn) => emitter.on(type, fn),
    onComplete: (fn) => emitter.on("transcription.completed", fn),
    onFailed: (fn) => emitter.on("transcription.failed", fn),
    onAny: (fn) => emitter.on("*", fn),
    onRejected: (fn) => emitter.onRejected(fn),
  };
}

function buildReceiver(options: ReceiverOptions, builtins: Definitions, emitter: Emitter): Receiver {
  validateReceiverOptions(options);
  const base = normaliseBase(options.path ?? "/webhooks");
  const urlSecrets = options.urlTokenSecret === undefined ? [] : secretList(options.urlTokenSecret);
  const providers = compileProviders(options, urlSecrets.length > 0, builtins);
  const store = options.store ?? memoryStore();
  const dedupeTtlMs = parseDuration(options.dedupeTtl ?? "7d", "dedupeTtl");
  const claimTtlMs = parseDuration(options.claimTtl ?? "60s", "claimTtl");
  const bodyTimeoutMs = parseDuration(options.bodyTimeout ?? "30s", "bodyTimeout");

  const matches = (url: string) => {
    const path = pathOf(url);
    return path === base || path.startsWith(`${base}/`) || base === "";
  };

  async function handle(request: WebhookRequest): Promise<WebhookResponse> {
    const header = headerReader(request.headers);
    const method = request.method.toUpperCase();
    let url: URL;
    try {
      url = new URL(request.url, "http://localhost");
    } catch {
      url = new URL("http://localhost/");
    }
    const ip = clientAddress(request.ip, header("x-forwarded-for"), options.trustProxy ?? false);
    let providerId: string | undefined;
    try {
      const provider = route(url.pathname);
      providerId = provider.definition.id;
      return await deliver(provider, { method, url, header, body: request.body, ip });
    } catch (err) {
      const error = err instanceof WebhookError ? err : internal();
      emitter.rejected({
        status: error.status,
        code: error.code,
        message: error.message,
        provider: providerId,
        method,
        path: url.pathname,
        ip,
      });
      return error.toResponse();
    }
  }

  function route(pathname: string): CompiledProvider {
    const rest = pathname.startsWith(`${base}/`)
      ? pathname.slice(base.length + 1).replace(/\/$/, "")
      : undefined;
    if (!rest || rest.includes("/")) {
      throw new WebhookError("not_found", 404, `No webhook here: deliveries go to ${base}/<provider>`);
    }
    const provider = providers.get(rest);
    if (!provider)
      throw new WebhookError("provider_not_configured", 404, `No provider is configured at ${base}/${rest}`);
    return provider;
  }

  async function deliver(
    provider: CompiledProvider,
    req: {
      method: string;
      url: URL;
      header: (n: string) => string | undefined;
      body: WebhookRequest["body"];
      ip?: string;
    },
  ): Promise<WebhookResponse> {
    const { definition, config } = provider;
    if (!provider.methods.includes(req.method)) {
      throw new WebhookError(
        "method_not_allowed",
        405,
        `${definition.name} calls back with ${provider.allow} only`,
        {
          allow: provider.allow,
        },
      );
    }
    if (provider.ipAllowed && !provider.ipAllowed(req.ip)) {
      throw new WebhookError(
        "ip_not_allowed",
        403,
        `The address ${req.ip ?? "(unknown)"} is not in allowIps`,
      );
    }
    const early = { method: req.method, url: req.url, header: req.header, metadata: {}, config };
    const handshake = await definition.handshake?.(early);
    if (handshake) return handshake;

    if (config.headers) await verifyStaticHeaders(config.headers, req.header);
    let metadata: Record<string, string> = {};
    const token = req.url.searchParams.get(URL_TOKEN_PARAM);
    if (provider.urlToken || (token && urlSecrets.length > 0)) {
      metadata = (
        await verifyUrlToken(token, urlSecrets, {
          provider: definition.id,
          path: req.url.pathname,
          maxAgeMs: provider.urlToken?.maxAgeMs,
        })
      ).metadata;
    }

    const declared = req.header("content-length");
    const body = await readBody(req.body, {
      limit: provider.limit,
      timeoutMs: bodyTimeoutMs,
      declaredLength: declared === undefined ? undefined : Number(declared),
    });
    const ctx: ProviderContext = {
      method: req.method,
      url: req.url,
      header: req.header,
      contentType: mediaType(req.header("content-type")),
      body,
      metadata,
      config,
    };
    if (config.secret !== undefined) await definition.verifySignature!(ctx);

    const parsed = parseBody(
      body,
      ctx.contentType,
      definition.formats ?? ["json"],
      req.header("content-type"),
    );
    const payload = definition.parse ? definition.parse(parsed, ctx) : parsed;
    const normalised = definition.normalise(payload, ctx);
    if (!normalised.jobId) {
      throw new WebhookError("job_id_missing", 400, `The body has no ${definition.name} job id`);
    }
    const event = {
      type: eventType(normalised.status),
      provider: definition.id,
      jobId: normalised.jobId,
      status: normalised.status,
      providerStatus: normalised.providerStatus,
      idempotencyKey:
        normalised.idempotencyKey ?? `${definition.id}:${normalised.jobId}:${normalised.providerStatus}`,
      receivedAt: new Date(),
      metadata,
      ...(normalised.error ? { error: normalised.error } : {}),
      payload: normalised.payload,
    } as TranscriptionEvent;
    return process(event, definition.successResponse ?? OK);
  }

  async function process(event: TranscriptionEvent, success: WebhookResponse): Promise<WebhookResponse> {
    const owner = crypto.randomUUID();
    // A store may throw instead of rejecting; either way nothing was claimed, so 503, not 500.
    const claim = await attempt(() => store.claim(event.idempotencyKey, owner, claimTtlMs)).catch(() => {
      throw storeUnavailable();
    });
    if (claim === "duplicate") return success === OK ? DUPLICATE : success;
    if (claim === "in_progress") {
      throw new WebhookError("in_progress", 503, "The same delivery is being processed by another request", {
        "retry-after": String(Math.max(1, Math.ceil(Math.min(claimTtlMs, 5_000) / 1000))),
      });
    }
    try {
      await emitter.emit(event);
    } catch {
      await attempt(() => store.release(event.idempotencyKey, owner)).catch(() => {});
      throw new WebhookError(
        "handler_failed",
        500,
        "A handler threw: the delivery was not acknowledged, so the provider's retry will be processed",
      );
    }
    // The handlers ran: a store failure now must not make the provider deliver again.
    await attempt(() => store.complete(event.idempotencyKey, owner, dedupeTtlMs)).catch(() => {});
    return success;
  }

  return {
    path: base,
    handle,
    matches,
    async fetch(request, info) {
      const u = new URL(request.url);
      const res = await handle({
        method: request.method,
        url: u.pathname + u.search,
        headers: request.headers,
        body: request.body,
        ip: info?.ip,
      });
      return toResponse(res);
    },
    callbackUrl(opts) {
      const provider = providers.get(opts.provider);
      if (!provider)
        throw new TypeError(`callbackUrl: provider "${opts.provider}" is not configured in providers`);
      if (urlSecrets.length === 0) {
        throw new TypeError("callbackUrl: set urlTokenSecret in the receiver options to sign callback URLs");
      }
      return signCallbackUrl({ ...opts, path: `${base}/${opts.provider}`, secret: urlSecrets[0]! });
    },
    on: (type, fn) => emitter.on(type, fn),
    onComplete: (fn) => emitter.on("transcription.completed", fn),
    onFailed: (fn) => emitter.on("transcription.failed", fn),
    onAny: (fn) => emitter.on("*", fn),
    onRejected: (fn) => emitter.onRejected(fn),
  };
}

function toResponse(res: WebhookResponse): Response {
  return new Response(res.status === 204 || res.status === 304 ? null : res.body, {
    status: res.status,
    headers: res.headers,
  });
}

function json(status: number, body: unknown): WebhookResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify(body),
  };
}

/** Runs `fn`, turning a synchronous throw into a rejection. */
const attempt = async <T>(fn: () => Promise<T>): Promise<T> => fn();

const storeUnavailable = () =>
  new WebhookError("store_unavailable", 503, "The dedupe store is unreachable; nothing was acknowledged", {
    "retry-after": "30",
  });

const internal = () =>
  new WebhookError("internal_error", 500, "scribehook failed unexpectedly; nothing was acknowledged");

function normaliseBase(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, "");
  if (trimmed === "") return "";
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

function pathOf(url: string): string {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  if (path.startsWith("/")) return path;
  try {
    return new URL(path).pathname;
  } catch {
    return path;
  }
}
