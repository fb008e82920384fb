import type { EventStatus } from "../events";
import type { HmacAlgorithm, SignatureEncoding } from "../verify/hmac";

/**
 * Where a value lives in the payload: a dotted path (`"id"`, `"job.id"`, `"metadata.request_id"`), or
 * several tried in order (the first that holds a non-empty string or a number wins).
 *
 * @example
 * ```ts
 * const jobId: FieldPaths = ["metadata.request_id", "request_id"];
 * ```
 */
export type FieldPaths = string | readonly string[];

/**
 * How a provider lets you authenticate its callbacks, as it documents it: `signature` (an HMAC you
 * check with `secret`), `headers` (a header you set up, echoed back), `urlToken` (it calls exactly the
 * URL you give it: sign it with `callbackUrl()`), `none` (nothing at all; only `insecureNoAuth`).
 *
 * @example
 * ```ts
 * const auth: AuthKind = "headers";
 * ```
 */
export type AuthKind = "signature" | "headers" | "urlToken" | "none";

/** A header name, or several tried in order (the first one sent is read). */
export type HeaderNames = string | readonly string[];

/**
 * An HMAC signature scheme, as data. Core verifies it (one mechanism for every provider) and applies a
 * user's `signature` override (`header`, `algorithm`, `encoding`, `prefix`) to it; the rest — what is
 * signed, the timestamp, the separator — is the scheme's structure and is not overridable.
 *
 * @example
 * ```ts
 * // ElevenLabs-Signature: t=<unix seconds>,v0=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 * const scheme: SignatureScheme = { header: "ElevenLabs-Signature", algorithm: "sha256", encoding: "hex",
 *   prefix: "v0=", separator: ",", signed: "{timestamp}.{body}", timestamp: { entry: "t=", window: "30m" } };
 * ```
 */
export interface SignatureScheme {
  /** The header carrying the signature(s). */
  header: HeaderNames;
  algorithm: HmacAlgorithm;
  encoding: SignatureEncoding;
  /**
   * Text before each signature, compared case-insensitively: `"sha256="`, `"v1,"`; default none.
   * `{algorithm}` stands for the algorithm in force, so `"{algorithm}="` follows an overridden algorithm.
   */
  prefix?: string;
  /**
   * What is signed: `{body}` (the raw bytes, the default), `{timestamp}`, `{id}` and literal text, e.g.
   * `"{timestamp}.{body}"`.
   */
  signed?: string;
  /**
   * The header holds several entries separated by this (`" "` for Standard Webhooks, `","` for
   * ElevenLabs): any entry may match; entries without `prefix` never do.
   */
  separator?: string;
  /** The header of a signed delivery id (`{id}` in `signed`). */
  id?: HeaderNames;
  /**
   * A signed Unix timestamp (`{timestamp}` in `signed`): in its own `header`, or as the `entry` of the
   * signature header that starts with this text (`"t="`). It must lie within `window` of now, both
   * ways (milliseconds or `"5m"`; default 5 minutes; the `tolerance` option overrides it).
   */
  timestamp?: { header?: HeaderNames; entry?: string; window?: number | string };
}

/**
 * The provider's status → the normalised status. A missing or empty status is `other`.
 *
 * @example
 * ```ts
 * const status: StatusTable = { field: "job.status",
 *   table: { transcribed: "completed", failed: "failed", in_progress: "processing" } };
 * ```
 */
export interface StatusTable {
  /**
   * Where the status is: path(s) in the payload, or — for a provider that sends none — a function
   * that derives it (the status text it returns is looked up in `table` like a sent one).
   */
  field: FieldPaths | ((payload: any) => string | undefined);
  table: Readonly<Record<string, EventStatus>>;
  /** The status of a sent value the table does not list; default `other`. */
  otherwise?: EventStatus;
  /** Compare case-insensitively. */
  ignoreCase?: boolean;
  /**
   * `suffix`: a key also matches a status that ends with `.key` or `_key` (`response.completed`,
   * `batch_failed`), for senders whose event names are open-ended.
   */
  match?: "exact" | "suffix";
}

/**
 * Where a failed or cancelled job's error is. An error of a cancelled job without a code gets the
 * code `cancelled`.
 *
 * @example
 * ```ts
 * const error: ErrorFields = { code: "job.failure", message: "job.failure_detail", fallback: "Rev AI failed the job" };
 * ```
 */
export interface ErrorFields {
  code?: FieldPaths;
  message?: FieldPaths;
  /** The message when the payload carries none. */
  fallback: string;
}
