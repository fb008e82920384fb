import { hmacSync } from "#crypto";
import { fromBase64, toBase64, utf8Bytes, utf8Text } from "../encoding";
import { unauthorized } from "../errors";
import { secretList, verifyHmac } from "./hmac";

/**
 * The query parameter that carries a signed callback token: redact it where you log URLs.
 *
 * @example
 * ```ts
 * url.searchParams.set(URL_TOKEN_PARAM, "[redacted]"); // before logging a callback URL
 * ```
 */
export const URL_TOKEN_PARAM = "sh_token";

/**
 * What a callback URL token vouches for; every field is covered by the signature.
 *
 * @example
 * ```ts
 * const claims: UrlTokenClaims = await verifyUrlToken(token, secret, { provider: "gladia", path: "/webhooks/gladia" });
 * claims.metadata.orderId; // "42"
 * ```
 */
export interface UrlTokenClaims {
  /** Provider id the URL was made for. */
  provider: string;
  /** Path of the receiver the URL points at, e.g. `/webhooks/threeplay`. */
  path: string;
  /** Issued at, Unix seconds. */
  iat: number;
  /** Expires at, Unix seconds. */
  exp: number;
  /** Your own values, returned as `event.metadata`. */
  metadata: Record<string, string>;
}

interface TokenBody {
  p: string;
  u: string;
  i: number;
  e: number;
  m?: Record<string, string>;
}

/**
 * Signs claims into a compact token: `base64url(JSON)` `.` `base64url(HMAC-SHA256)`. Synchronous
 * (a callback URL is made while you build a job request); verification uses Web Crypto.
 *
 * @example
 * ```ts
 * const token = createUrlToken({ provider: "threeplay", path: "/webhooks/threeplay", iat, exp, metadata: {} }, secret);
 * ```
 */
export function createUrlToken(claims: UrlTokenClaims, secret: string): string {
  const body: TokenBody = { p: claims.provider, u: claims.path, i: claims.iat, e: claims.exp };
  if (Object.keys(claims.metadata).length > 0) body.m = claims.metadata;
  const encoded = toBase64(utf8Bytes(JSON.stringify(body)), true);
  return `${encoded}.${toBase64(hmacSync("sha256", secret, encoded), true)}`;
}

/**
 * Options of {@link verifyUrlToken}.
 *
 * @example
 * ```ts
 * const options: VerifyUrlTokenOptions = { provider: "gladia", path: "/webhooks/gladia", maxAgeMs: 30 * 86_400_000 };
 * ```
 */
export interface VerifyUrlTokenOptions {
  /** The provider the request arrived for; a token made for another provider is refused. */
  provider: string;
  /** The path the request arrived at. */
  path: string;
  /** Refuse tokens issued longer ago than this (ms), whatever their expiry. */
  maxAgeMs?: number;
  /** Now, in milliseconds; for tests. */
  now?: number;
}

/**
 * Verifies a callback URL token against one or several secrets (rotation) and returns its claims.
 * Throws a 401 `WebhookError`: `token_missing`, `token_invalid` (forged, tampered, wrong path),
 * `token_wrong_provider` or `token_expired`. Asynchronous, since Web Crypto is.
 *
 * @example
 * ```ts
 * const { metadata } = await verifyUrlToken(url.searchParams.get("sh_token"), [secret],
 *                                     { provider: "threeplay", path: url.pathname });
 * ```
 */
export async function verifyUrlToken(
  token: string | null | undefined,
  secrets: string | readonly string[],
  options: VerifyUrlTokenOptions,
): Promise<UrlTokenClaims> {
  if (!token) {
    throw unauthorized(
      "token_missing",
      `The callback URL has no ${URL_TOKEN_PARAM}: make it with receiver.callbackUrl()`,
    );
  }
  const dot = token.indexOf(".");
  const encoded = dot > 0 ? token.slice(0, dot) : "";
  const signature = dot > 0 ? token.slice(dot + 1) : "";
  if (
    !(await verifyHmac({ data: encoded, signature, secrets: secretList(secrets), encoding: "base64url" }))
  ) {
    throw unauthorized(
      "token_invalid",
      "The callback URL token is not valid: it was altered or made with another secret",
    );
  }
  let body: TokenBody;
  try {
    body = JSON.parse(utf8Text(fromBase64(encoded) ?? new Uint8Array(0)));
  } catch (cause) {
    throw unauthorized("token_invalid", "The callback URL token is not valid", cause);
  }
  if (body.p !== options.provider) {
    throw unauthorized("token_wrong_provider", "The callback URL token was made for another provider");
  }
  if (normalisePath(body.u) !== normalisePath(options.path)) {
    throw unauthorized("token_invalid", "The callback URL token was made for another path");
  }
  const now = (options.now ?? Date.now()) / 1000;
  if (!(body.e > now))
    throw unauthorized(
      "token_expired",
      "The callback URL token has expired: make a new one for the next job",
    );
  if (options.maxAgeMs !== undefined && now - body.i > options.maxAgeMs / 1000) {
    throw unauthorized(
      "token_expired",
      "The callback URL token is older than this provider's urlToken.maxAge",
    );
  }
  return { provider: body.p, path: body.u, iat: body.i, exp: body.e, metadata: { ...body.m } };
}

const normalisePath = (path: string) => (path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path);
