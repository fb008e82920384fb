import { parseDuration } from "./units";
import { createUrlToken, URL_TOKEN_PARAM } from "./verify/url-token";

/**
 * Options of `receiver.callbackUrl()`.
 *
 * @example
 * ```ts
 * const options: CallbackUrlOptions = { provider: "threeplay", baseUrl: "https://api.example.com", metadata: { orderId: "42" } };
 * const url = receiver.callbackUrl(options);
 * ```
 */
export interface CallbackUrlOptions {
  /** The provider the URL is for; the token is refused on any other provider's route. */
  provider: string;
  /** Where the receiver is reachable from the internet, including any mount prefix: `https://api.example.com`. */
  baseUrl: string;
  /** Lifetime: milliseconds or a string like `"14d"`. Default 14 days (3Play asks ≥ 1 day for ASR, ≥ 2 weeks for humans). */
  expiresIn?: number | string;
  /** Your own values, signed into the URL and returned as `event.metadata` (strings only). */
  metadata?: Record<string, string>;
  /** Now, in ms; for tests. */
  now?: number;
  /**
   * With lazy options (`createReceiver((env) => options)`): the `env` to build them from, when no
   * request has built the receiver yet (a Worker that submits a job before any delivery arrived).
   */
  env?: unknown;
}

/**
 * Builds a signed callback URL: `baseUrl` + receiver path + `?sh_token=…`. Extra query parameters a
 * provider or you add later are allowed but never trusted.
 *
 * @example
 * ```ts
 * signCallbackUrl({ provider: "threeplay", baseUrl: "https://api.example.com", path: "/webhooks/threeplay",
 *                   secret, expiresIn: "14d", metadata: { orderId: "42" } });
 * ```
 */
export function signCallbackUrl(options: CallbackUrlOptions & { path: string; secret: string }): string {
  const now = options.now ?? Date.now();
  const ttl = parseDuration(options.expiresIn ?? "14d", "expiresIn");
  const metadata = options.metadata ?? {};
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== "string") throw new TypeError(`callbackUrl: metadata.${k} must be a string`);
  }
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new TypeError(`callbackUrl: baseUrl must be an absolute URL such as https://api.example.com`);
  }
  url.pathname = url.pathname.replace(/\/+$/, "") + options.path;
  const iat = Math.floor(now / 1000);
  const token = createUrlToken(
    { provider: options.provider, path: options.path, iat, exp: Math.floor((now + ttl) / 1000), metadata },
    options.secret,
  );
  url.searchParams.set(URL_TOKEN_PARAM, token);
  return url.toString();
}
