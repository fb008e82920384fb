import type { EventStatus } from "../events";
import type { WebhookResponse } from "../http";
import type { HmacAlgorithm, SignatureEncoding } from "../verify/hmac";

/** HTTP methods a provider may call back with. */
export type HttpMethod = "POST" | "PUT" | "GET";

/**
 * Body formats the receiver can parse after authentication: `multipart` is `multipart/form-data`
 * (parsed into `MultipartPart[]`), `binary` is `application/octet-stream` (the bytes as a `Uint8Array`).
 */
export type BodyFormat = "json" | "form" | "text" | "empty" | "multipart" | "binary";

/** Override of a provider's signature scheme, for schemes the provider does not document fully. */
export interface SignatureOptions {
  /** Header carrying the signature. */
  header?: string;
  algorithm?: HmacAlgorithm;
  encoding?: SignatureEncoding;
  /** Text before the signature in the header, e.g. `"sha256="`; `""` for none. */
  prefix?: string;
}

/** The request as a provider's functions see it: after the body was read, before it was parsed. */
export interface ProviderContext {
  readonly method: string;
  /** The request URL (path relative to the mount point, resolved against `http://localhost`). */
  readonly url: URL;
  /** Reads a request header, case-insensitively. */
  header(name: string): string | undefined;
  /** Media type without parameters, lower-cased: `application/json`. */
  readonly contentType: string;
  /** The exact raw bytes received. */
  readonly body: Uint8Array;
  /** Metadata from a verified callback URL token; empty otherwise. */
  readonly metadata: Record<string, string>;
  /**
   * The provider's configuration (its secrets included: never copy them into an error), with
   * `tolerance` worked out at creation into **seconds**.
   */
  readonly config: Omit<ProviderConfig, "tolerance"> & { tolerance?: number };
}

/** What a provider makes of one delivery. */
export interface Normalised<Payload> {
  /** The provider's transcript / job / session id; `undefined` or empty is answered 400. */
  jobId: string | undefined;
  /** Status exactly as the provider sent it. */
  providerStatus: string;
  status: EventStatus;
  error?: { code?: string; message?: string };
  payload: Payload;
  /**
   * Replaces the default `${provider}:${jobId}:${providerStatus}` (e.g. a delivery id the provider sends).
   * Build it from authenticated data only (the signed body, a signed header, a verified token): an input
   * the signature does not cover would let a replay of one captured delivery run the handlers again.
   */
  idempotencyKey?: string;
  /**
   * `true` for an authentic delivery that carries nothing for handlers (Azure's deletion event): it is
   * answered 200 `{"ok":true,"ignored":true}` without claiming a key or running a handler. An unsigned
   * input may set this (it can only narrow what a signed body does), never the key or the status.
   */
  ignore?: boolean;
}

/**
 * A provider: plain data plus small functions. Built-in providers are written with it, and so can yours.
 * All functions throw a `WebhookError` to refuse a delivery.
 */
export interface ProviderDefinition<Id extends string = string, Payload = unknown> {
  id: Id;
  /** Display name, for messages and docs. */
  name: string;
  /** Methods the provider calls back with; others are answered 405. */
  methods: readonly HttpMethod[];
  /** Formats accepted; by default `["json"]`. A body of another media type is answered 415. */
  formats?: readonly BodyFormat[];
  /** The provider's published egress addresses, used by `allowIps: "documented"`. */
  documentedIps?: readonly string[];
  /** Default body limit in bytes, when larger or smaller than the receiver's. */
  maxBodyBytes?: number;
  /**
   * The provider's own signature scheme, if it signs: checks `ctx.config.secret` over `ctx.body`.
   * May be asynchronous (Web Crypto is); the receiver awaits it.
   */
  verifySignature?(ctx: ProviderContext): void | Promise<void>;
  /**
   * A reply that must be given before (or instead of) authentication, such as a subscription
   * challenge. Returning `undefined` continues with the delivery. May be asynchronous.
   */
  handshake?(
    ctx: Omit<ProviderContext, "body" | "contentType">,
  ): WebhookResponse | undefined | Promise<WebhookResponse | undefined>;
  /** Turns the parsed body into a typed payload; by default the parsed body itself. */
  parse?(body: unknown, ctx: ProviderContext): Payload;
  /** Reads job id and status out of the payload. */
  normalise(payload: Payload, ctx: ProviderContext): Normalised<Payload>;
  /**
   * Checks this provider's own configuration once, at receiver creation (e.g. the form of its secret);
   * throws a `TypeError` whose message starts with `where` (`providers.<id>`) and never repeats a secret.
   */
  checkConfig?(config: ProviderConfig, where: string): void;
  /** The success reply, when the provider needs a particular one (Verbit wants the body `OK`). */
  successResponse?: WebhookResponse;
}

/**
 * Per-provider settings: at least one of `secret`, `headers`, `urlToken`, unless `insecureNoAuth`.
 *
 * @example
 * ```ts
 * const assemblyai: ProviderConfig = { headers: { "x-webhook-token": process.env.AAI_TOKEN! }, allowIps: "documented" };
 * ```
 */
export interface ProviderConfig {
  /** HMAC secret(s) of a provider that signs; any of several may match (rotation). */
  secret?: string | readonly string[];
  /** Headers that must be present with exactly this value (or one of these values). */
  headers?: Record<string, string | readonly string[]>;
  /** Require a valid, unexpired token made by `callbackUrl()` in the request URL. */
  /** `maxAge`: milliseconds or a string like `"30d"`; older tokens are refused even when not expired. */
  urlToken?: boolean | { maxAge?: number | string };
  /** Addresses/CIDRs allowed to call, or `"documented"` for the provider's published ones. */
  allowIps?: readonly string[] | "documented";
  /** Body limit for this provider, e.g. `"20mb"`. */
  maxBodyBytes?: number | string;
  /** Window for signed timestamps: milliseconds or a string like `"5m"`. Default 5 minutes. */
  tolerance?: number | string;
  /** Override the signature header, algorithm, encoding or prefix of a signing provider. */
  signature?: SignatureOptions;
  /** Accept deliveries with no authentication at all. Never in production. */
  insecureNoAuth?: boolean;
}

/**
 * Declares a provider: built-in providers use it, and so can you, for a service scribehook does not
 * ship. Pass yours in the receiver's `customProviders` and configure it under `providers` like any other.
 *
 * @example
 * ```ts
 * const inhouse = defineProvider({
 *   id: "inhouse", name: "In-house ASR", methods: ["POST"],
 *   verifySignature: (ctx) => assertHmac({ data: ctx.body, signature: ctx.header("x-sig"),
 *                                           secrets: ctx.config.secret! }, "X-Sig"),
 *   normalise: (p: { job: string; state: "done" | "error" }) => ({
 *     jobId: p.job, providerStatus: p.state, status: p.state === "done" ? "completed" : "failed", payload: p }),
 * });
 * ```
 */
export function defineProvider<const Id extends string, Payload>(
  definition: ProviderDefinition<Id, Payload>,
): ProviderDefinition<Id, Payload> {
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(definition.id)) {
    throw new TypeError(
      `defineProvider: id ${JSON.stringify(definition.id)} must be lower-case letters, digits, "-" or "_"`,
    );
  }
  if (definition.methods.length === 0)
    throw new TypeError(`defineProvider(${definition.id}): methods is empty`);
  return definition;
}
