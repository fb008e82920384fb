import type { CompiledProvider } from "../compile-providers";
import { unauthorized, WebhookError } from "../errors";
import { eventType, type TranscriptionEvent } from "../events";
import { mediaType, type WebhookRequest, type WebhookResponse } from "../http";
import { defaultIdempotencyKey } from "../idempotency-key";
import { parseBody } from "../parse-body";
import { readBody } from "../read-body";
import { verifyStaticHeaders } from "../verify/static-headers";
import { URL_TOKEN_PARAM, verifyUrlToken } from "../verify/url-token";
import { DeliveryContext } from "./context";
import { IGNORED, OK } from "./respond";

/** One request, reduced to what the pipeline reads. */
export interface Delivery {
  method: string;
  /** The path of the request target (see `pathnameOf`). */
  path: string;
  /** Whether the target has a query. */
  hasQuery: boolean;
  /** The request target as a URL, built when first asked for. */
  url: () => URL;
  header: (name: string) => string | undefined;
  /** How many times a header was sent (see `requestHeaders`). */
  count: (name: string) => number;
  body: WebhookRequest["body"];
  ip?: string;
  /** Set by the pipeline once it starts reading the body; until then nothing of it was consumed. */
  bodyStarted?: boolean;
}

/** What the pipeline needs besides the request. */
export interface PipelineOptions {
  /** Secrets of signed callback URLs; empty when `urlTokenSecret` is not set. */
  urlSecrets: readonly string[];
  bodyTimeoutMs: number;
  /** Runs the handlers once per idempotency key and answers. */
  runOnce: (event: TranscriptionEvent, success: WebhookResponse) => Promise<WebhookResponse>;
  /** Builds the event from its fields (with `transcript()` when a result reader serves the provider). */
  makeEvent: (
    provider: CompiledProvider,
    fields: { provider: string; jobId: string; payload: unknown; [key: string]: unknown },
  ) => TranscriptionEvent;
}

/**
 * The pipeline of one delivery to one provider, in order: method → address → handshake → static
 * headers → URL token → read the body → signature → parse → normalise → run once. Every refusal is a
 * thrown `WebhookError`; nothing is read or parsed before the checks that can be made without it.
 *
 * @example
 * ```ts
 * const deliver = createPipeline({ urlSecrets: [], bodyTimeoutMs: 30_000, runOnce, makeEvent });
 * const response = await deliver(router.route(path), { method, path, hasQuery, url, header, count, body });
 * ```
 */
export function createPipeline({ urlSecrets, bodyTimeoutMs, runOnce, makeEvent }: PipelineOptions) {
  return async function deliver(provider: CompiledProvider, req: Delivery): Promise<WebhookResponse> {
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
    if (definition.handshake) {
      const early = { method: req.method, url: req.url(), header: req.header, metadata: {}, config };
      const handshake = await definition.handshake(early);
      if (handshake) return handshake;
    }

    // Every header that authenticates is read through this: sent twice, it decides nothing (401).
    const authHeader = (name: string): string | undefined => {
      if (req.count(name) > 1) {
        throw unauthorized(
          "header_repeated",
          `The ${name} header was sent more than once; an authenticating header must be sent exactly once`,
        );
      }
      return req.header(name);
    };
    if (config.headers) await verifyStaticHeaders(config.headers, authHeader);
    let metadata: Record<string, string> = {};
    const token = req.hasQuery ? req.url().searchParams.get(URL_TOKEN_PARAM) : null;
    if (provider.urlToken || (token && urlSecrets.length > 0)) {
      const claims = await verifyUrlToken(token, urlSecrets, {
        provider: definition.id,
        path: req.path,
        maxAgeMs: provider.urlToken?.maxAgeMs,
      });
      metadata = claims.metadata;
    }

    const declared = req.header("content-length");
    req.bodyStarted = true;
    const body = await readBody(req.body, {
      limit: provider.limit,
      timeoutMs: bodyTimeoutMs,
      declaredLength: declared === undefined ? undefined : Number(declared),
    });
    const contentType = mediaType(req.header("content-type"));
    const context = (header: Delivery["header"]) =>
      new DeliveryContext(req.url, req.method, header, contentType, body, metadata, config);
    const ctx = context(req.header);
    if (config.secret !== undefined) await provider.verify!(context(authHeader));

    const parsed = parseBody(
      body,
      ctx.contentType,
      definition.formats ?? ["json"],
      req.header("content-type"),
      provider.parseMultipart,
    );
    const payload = definition.parse ? definition.parse(parsed, ctx) : parsed;
    const normalised = provider.normalise(payload, ctx);
    if (normalised.ignore) return IGNORED;
    if (!normalised.jobId) {
      throw new WebhookError("job_id_missing", 400, `The body has no ${definition.name} job id`);
    }
    const event = makeEvent(provider, {
      type: eventType(normalised.status),
      provider: definition.id,
      jobId: normalised.jobId,
      status: normalised.status,
      providerStatus: normalised.providerStatus,
      idempotencyKey:
        normalised.idempotencyKey ??
        defaultIdempotencyKey(definition.id, normalised.jobId, normalised.status, normalised.providerStatus),
      receivedAt: new Date(),
      source: "callback",
      metadata,
      ...(normalised.error ? { error: normalised.error } : {}),
      payload: normalised.payload,
    });
    return runOnce(event, definition.successResponse ?? OK);
  };
}
