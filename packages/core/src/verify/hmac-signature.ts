import type { HeaderNames, SignatureScheme } from "../providers/declared";
import type { SignatureOptions } from "../providers/provider-config";
import { parseDuration } from "../units";
import { checkSignature } from "./check-signature";
import type { HmacAlgorithm, SignatureEncoding } from "./hmac";

/**
 * A declared scheme with the user's override applied and the secrets' keys, worked out once at
 * creation: what every request is checked with, and what a provider's handshake sees as
 * `ctx.config.signature` (IBM signs its challenge answer with it).
 *
 * @example
 * ```ts
 * const index = await ctx.config.signature!.check(ctx.header, challenge); // the key that matched
 * ```
 */
export interface CompiledSignature {
  /** Header names tried in order; messages name the first. */
  readonly header: readonly string[];
  readonly algorithm: HmacAlgorithm;
  readonly encoding: SignatureEncoding;
  readonly prefix: string;
  readonly separator: string | undefined;
  /** What is signed, in order: literal text, or `{body}`, `{timestamp}`, `{id}`. */
  readonly parts: readonly string[];
  readonly id: readonly string[] | undefined;
  readonly timestampHeader: readonly string[] | undefined;
  readonly timestampEntry: string | undefined;
  /** The declared window; the `tolerance` option replaces it. */
  readonly windowSeconds: number;
  /** The HMAC key of each configured secret, in order. */
  readonly keys: readonly (string | Uint8Array)[];
  /**
   * Verifies `data` (the raw body, or a challenge) against the request's headers; resolves to the index
   * of the key that matched, or throws a 401 `WebhookError`. `toleranceSeconds` replaces the window.
   */
  check(
    header: (name: string) => string | undefined,
    data: string | Uint8Array,
    toleranceSeconds?: number,
    now?: number,
  ): Promise<number>;
}

/**
 * A scheme declared with `hmacSignature()`: the data, checked, and how to compile it for one
 * configured provider.
 */
export interface DeclaredSignature extends SignatureScheme {
  /** Applies a user's override (refused with a TypeError naming `where` when mistyped) and the keys. */
  compile(
    override: SignatureOptions | undefined,
    keys: readonly (string | Uint8Array)[],
    where: string,
  ): CompiledSignature;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const PLACEHOLDERS = new Set(["{body}", "{timestamp}", "{id}"]);
const ALGORITHMS = ["sha256", "sha1", "sha512"];
const ENCODINGS = ["hex", "base64", "base64url"];

const names = (h: HeaderNames | undefined) => (h === undefined ? [] : typeof h === "string" ? [h] : [...h]);
const split = (template: string) => template.split(/(\{[a-z]+\})/).filter((p) => p !== "");

/**
 * Declares a provider's HMAC signature scheme (the `signature` of `defineProvider()`): checks the data
 * once, and links the one verifier core has for every scheme — only into bundles that import a
 * provider that signs. Throws a `TypeError` for a scheme that could not verify anything.
 *
 * @example
 * ```ts
 * signature: hmacSignature({ header: "X-Inhouse-Signature", algorithm: "sha256", encoding: "hex",
 *   prefix: "sha256=", signed: "{timestamp}.{body}", timestamp: { header: "X-Inhouse-Timestamp", window: "5m" } }),
 * ```
 */
export function hmacSignature(scheme: SignatureScheme): DeclaredSignature {
  checkScheme(scheme, "hmacSignature");
  return {
    ...scheme,
    compile(override, keys, where) {
      if (override !== undefined) checkSignatureOptions(override, where);
      return compileSignature(scheme, override, keys);
    },
  };
}

/**
 * Refuses a declared scheme that could not verify anything (a `TypeError` naming the field): an
 * unknown placeholder, a `{timestamp}` or `{id}` signed but not located, or located but not signed.
 *

 */
function checkScheme(scheme: SignatureScheme, where: string): void {
  for (const name of [...names(scheme.header), ...names(scheme.id), ...names(scheme.timestamp?.header)]) {
    if (!HEADER_NAME.test(name))
      throw new TypeError(`${where}: ${JSON.stringify(name)} is not a header name`);
  }
  if (names(scheme.header).length === 0) throw new TypeError(`${where}.header: name the signature header`);
  checkSignatureOptions({ algorithm: scheme.algorithm, encoding: scheme.encoding }, where);
  const parts = split(scheme.signed ?? "{body}");
  for (const part of parts) {
    if (part.startsWith("{") && !PLACEHOLDERS.has(part)) {
      throw new TypeError(`${where}.signed: ${part} is not {body}, {timestamp} or {id}`);
    }
  }
  const ts = scheme.timestamp;
  if (parts.includes("{timestamp}") !== (ts !== undefined)) {
    throw new TypeError(`${where}.timestamp: declare it exactly when "{timestamp}" is signed`);
  }
  if (ts && (ts.header === undefined) === (ts.entry === undefined)) {
    throw new TypeError(`${where}.timestamp: give either its header or its entry in the signature header`);
  }
  if (ts?.entry !== undefined && scheme.separator === undefined) {
    throw new TypeError(`${where}.timestamp.entry: needs a separator between the header's entries`);
  }
  if (parts.includes("{id}") !== (scheme.id !== undefined)) {
    throw new TypeError(`${where}.id: declare it exactly when "{id}" is signed`);
  }
}

/**
 * A mistyped signature override would refuse every delivery as forged: refuses it at creation instead.
 *
 * @example
 * ```ts
 * checkSignatureOptions({ encoding: "hexa" }, "providers.azure.signature"); // TypeError
 * ```
 */
export function checkSignatureOptions(signature: unknown, where: string): void {
  if (typeof signature !== "object" || signature === null || Array.isArray(signature)) {
    throw new TypeError(`${where}: give an object such as { header: "X-Signature", encoding: "base64" }`);
  }
  const { header, algorithm, encoding, prefix } = signature as Record<string, unknown>;
  if (header !== undefined && (typeof header !== "string" || !HEADER_NAME.test(header))) {
    throw new TypeError(`${where}.header: must be a header name such as "X-Signature"`);
  }
  if (algorithm !== undefined && !ALGORITHMS.includes(algorithm as string)) {
    throw new TypeError(`${where}.algorithm: must be "sha256", "sha1" or "sha512"`);
  }
  if (encoding !== undefined && !ENCODINGS.includes(encoding as string)) {
    throw new TypeError(`${where}.encoding: must be "hex", "base64" or "base64url"`);
  }
  if (prefix !== undefined && typeof prefix !== "string") {
    throw new TypeError(`${where}.prefix: must be a string such as "sha256=", or "" for none`);
  }
}

/**
 * Applies an override (already checked) to a declared scheme, with the secrets' keys: each field given
 * replaces the declared one. A declared prefix's `{algorithm}` becomes the algorithm in force.
 *
 * @example
 * ```ts
 * compileSignature({ header: "X-Sig", algorithm: "sha256", encoding: "hex", prefix: "{algorithm}=" },
 *   { algorithm: "sha1" }, ["s3cret"]).prefix; // "sha1="
 * ```
 */
export function compileSignature(
  scheme: SignatureScheme,
  override: SignatureOptions | undefined,
  keys: readonly (string | Uint8Array)[],
): CompiledSignature {
  const algorithm = override?.algorithm ?? scheme.algorithm;
  const ts = scheme.timestamp;
  const compiled: CompiledSignature = {
    header: override?.header !== undefined ? [override.header] : names(scheme.header),
    algorithm,
    encoding: override?.encoding ?? scheme.encoding,
    prefix: override?.prefix ?? (scheme.prefix ?? "").replace("{algorithm}", algorithm),
    separator: scheme.separator,
    parts: split(scheme.signed ?? "{body}"),
    id: scheme.id === undefined ? undefined : names(scheme.id),
    timestampHeader: ts?.header === undefined ? undefined : names(ts.header),
    timestampEntry: ts?.entry,
    windowSeconds: parseDuration(ts?.window ?? 300_000, "signature.timestamp.window") / 1000,
    keys,
    check: (header, data, toleranceSeconds, now) =>
      checkSignature(compiled, header, data, toleranceSeconds, now),
  };
  return compiled;
}
