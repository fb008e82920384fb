import type { EventStatus } from "../events";
import type { WebhookResponse } from "../http";
import type { MultipartPart } from "../multipart";
import type { ResultClient } from "../transcript/client";
import type { CompiledSignature, DeclaredSignature } from "../verify/hmac-signature";
import { checkDefinition } from "./check-definition";
import type { AuthKind, ErrorFields, FieldPaths, StatusTable } from "./declared";
import type { ProviderConfig } from "./provider-config";

export type { ProviderConfig, SignatureOptions } from "./provider-config";

/** HTTP methods a provider may call back with. */
export type HttpMethod = "POST" | "PUT" | "GET";

/**
 * Body formats the receiver can parse after authentication: `multipart` is `multipart/form-data`
 * (parsed into `MultipartPart[]`), `binary` is `application/octet-stream` (the bytes as a `Uint8Array`).
 */
export type BodyFormat = "json" | "form" | "text" | "empty" | "multipart" | "binary";

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
   * The provider's configuration (its secrets included: never copy them into an error), worked out at
   * creation: `tolerance` in **seconds**, `signature` the scheme in force (declared, then overridden).
   */
  readonly config: Omit<ProviderConfig, "tolerance" | "signature"> & {
    tolerance?: number;
    signature?: CompiledSignature;
  };
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
 * A provider: what differs between providers, as data — auth kind, signature scheme, status table,
 * methods, formats, where the job id is — plus optional functions for what data cannot say
 * (a handshake, a check across fields). All functions throw a `WebhookError` to refuse a delivery.
 */
export interface ProviderDefinition<Id extends string = string, Payload = unknown> {
  id: Id;
  /** Display name, for messages and docs. */
  name: string;
  /** The provider's public webhook documentation. */
  docs?: string;
  /** How the provider lets you authenticate its callbacks, as it documents it. */
  auth?: AuthKind;
  /** Methods the provider calls back with; others are answered 405. */
  methods: readonly HttpMethod[];
  /**
   * How to get the job's result (`event.transcript()`, `captions()`, the watchdog's status poll). It
   * travels with the definition, so a bundle carries only the result clients of the providers it uses.
   */
  result?: ResultClient;
  /** Formats accepted; by default `["json"]`. A body of another media type is answered 415. */
  formats?: readonly BodyFormat[];
  /**
   * The `multipart/form-data` reader, `parseMultipart`, for a provider whose `formats` accept
   * `multipart`: it travels with the definition, so a bundle carries it only with such a provider. The
   * root entry has it already; `@scribehook/core/fetch` refuses such a provider without it.
   */
  parseMultipart?: (body: Uint8Array, boundary: string) => MultipartPart[];
  /** The provider's published egress addresses, used by `allowIps: "documented"`. */
  documentedIps?: readonly string[];
  /** Default body limit in bytes, when larger or smaller than the receiver's. */
  maxBodyBytes?: number;
  /**
   * The provider's HMAC signature scheme, if it signs, declared with `hmacSignature({ … })`: core
   * verifies it against `secret` and applies the user's `signature` override.
   */
  signature?: DeclaredSignature;
  /**
   * How a configured secret becomes the HMAC key, when not as its UTF-8 bytes (Standard Webhooks
   * base64-decodes `whsec_…`). Runs once per secret at creation; throw a `TypeError` (never repeating
   * the secret) for a secret that cannot be a key.
   */
  signingKey?(secret: string): Uint8Array;
  /**
   * A hand-written verifier, for a scheme `signature` cannot describe (not an HMAC): checks
   * `ctx.config.secret` over `ctx.body`. May be asynchronous.
   */
  verifySignature?(ctx: ProviderContext): void | Promise<void>;
  /** Where the job id is in the payload. A body that is not an object is then answered 400. */
  jobId?: FieldPaths;
  /** The provider's status → the normalised status. */
  status?: StatusTable;
  /** Where a failed or cancelled job's error is. */
  error?: ErrorFields;
  /**
   * A reply that must be given before (or instead of) authentication, such as a subscription
   * challenge. Returning `undefined` continues with the delivery. May be asynchronous.
   */
  handshake?(
    ctx: Omit<ProviderContext, "body" | "contentType">,
  ): WebhookResponse | undefined | Promise<WebhookResponse | undefined>;
  /** Turns the parsed body into a typed payload; by default the parsed body itself. */
  parse?(body: unknown, ctx: ProviderContext): Payload;
  /**
   * What data cannot say: gets what `jobId`, `status` and `error` declared (`declared`) and returns the
   * final reading (e.g. a job id from the URL, an idempotency key, `ignore`). Without declared data it
   * reads everything itself.
   */
  normalise?(payload: Payload, ctx: ProviderContext, declared: Normalised<Payload>): Normalised<Payload>;
  /**
   * Checks this provider's own configuration once, at receiver creation (e.g. the form of its secret);
   * throws a `TypeError` whose message starts with `where` (`providers.<id>`) and never repeats a secret.
   */
  checkConfig?(config: ProviderConfig, where: string): void;
  /** The success reply, when the provider needs a particular one (Verbit wants the body `OK`). */
  successResponse?: WebhookResponse;
}

/**
 * Declares a provider: built-in providers use it, and so can you, for a service scribehook does not
 * ship. Pass yours in the receiver's `customProviders` and configure it under `providers` like any other.
 * Throws a `TypeError` for a definition that could not work (an unknown status, a scheme that signs a
 * `{timestamp}` it does not locate, …).
 *
 * @example
 * ```ts
 * const inhouse = defineProvider({
 *   id: "inhouse", name: "In-house ASR", auth: "signature", methods: ["POST"],
 *   // X-Inhouse-Signature: sha256=<hex HMAC-SHA256(secret, "<X-Inhouse-Timestamp>.<raw body>")>
 *   signature: hmacSignature({ header: "X-Inhouse-Signature", algorithm: "sha256", encoding: "hex",
 *     prefix: "sha256=", signed: "{timestamp}.{body}", timestamp: { header: "X-Inhouse-Timestamp", window: "5m" } }),
 *   jobId: "job",
 *   status: { field: "state", table: { queued: "processing", done: "completed", error: "failed" } },
 *   error: { message: "error", fallback: "The in-house service failed the job" },
 *   parse: (body) => body as { job: string; state: string; error?: string },
 * });
 * ```
 */
export function defineProvider<const Id extends string, Payload>(
  definition: ProviderDefinition<Id, Payload>,
): ProviderDefinition<Id, Payload> {
  checkDefinition(definition);
  return definition;
}
