import type { HmacAlgorithm, SignatureEncoding } from "../verify/hmac";

/**
 * Override of a signing provider's declared scheme (`ProviderDefinition.signature`), applied the same
 * way to every provider: each field given replaces the declared one, the others stay. What is signed,
 * the timestamp and the separator of a multi-signature header are the scheme's structure and stay too:
 * for Standard Webhooks, `header` names the header holding the space-separated list (the `svix-`
 * fallback is then not read), `prefix` the version tag each entry needs (`"v1,"`), and `algorithm` /
 * `encoding` apply to every entry. A declared prefix `"{algorithm}="` follows an overridden algorithm.
 *
 * @example
 * ```ts
 * const signature: SignatureOptions = { header: "X-Signature", encoding: "base64", prefix: "" };
 * ```
 */
export interface SignatureOptions {
  /** Header carrying the signature. */
  header?: string;
  algorithm?: HmacAlgorithm;
  encoding?: SignatureEncoding;
  /** Text before the signature in the header, e.g. `"sha256="`; `""` for none. */
  prefix?: string;
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
  /** The provider's API key, used by `event.transcript()` / `captions()` where the result is not inline. */
  apiKey?: string;
  /** Scheme + host (+ path prefix) of the provider's API, e.g. `https://api.eu.assemblyai.com`. Default: its documented host. */
  apiBaseUrl?: string;
}
