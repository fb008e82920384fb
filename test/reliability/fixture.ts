import {
  builtinProviders,
  createReceiver,
  type ProviderConfig,
  type Receiver,
  type ReceiverOptions,
  type TranscriptionEvent,
  URL_TOKEN_PARAM,
} from "@scribehook/core";
import { signDelivery } from "@scribehook/testing";

/**
 * The secrets of the fixture receiver. Tests assert none of them ever appears in a response.
 *
 * @example
 * ```ts
 * await receiver.handle({ method: "POST", url: "/webhooks/assemblyai", headers: { "x-webhook-token": SECRETS.aaiToken }, body });
 * ```
 */
export const SECRETS = {
  aaiToken: "aai-token-0123456789abcdef",
  scriptixToken: "Bearer scriptix-0123456789",
  hmac: "hmac-secret-0123456789abcdef",
  whsec: `whsec_${Buffer.from("standard-webhooks-key-0123456789").toString("base64")}`,
  url: "url-token-secret-0123456789abcdef",
} as const;

/**
 * Every built-in provider, each authenticated the strongest way it supports: its HMAC `secret` if it
 * signs, a header for AssemblyAI and Scriptix, a signed callback URL for the rest.
 *
 * @example
 * ```ts
 * fixtureProviders().threeplay; // { urlToken: true }
 * ```
 */
export function fixtureProviders(): Record<string, ProviderConfig> {
  const providers: Record<string, ProviderConfig> = {};
  for (const [id, definition] of Object.entries(builtinProviders)) {
    if (id === "standardwebhooks") providers[id] = { secret: SECRETS.whsec };
    else if (definition.verifySignature) providers[id] = { secret: SECRETS.hmac };
    else providers[id] = { urlToken: true };
  }
  providers.assemblyai = { headers: { "x-webhook-token": SECRETS.aaiToken } };
  providers.scriptix = { headers: { authorization: SECRETS.scriptixToken } };
  return providers;
}

/**
 * A receiver on every provider, recording every handler call.
 *
 * @example
 * ```ts
 * const { receiver, calls } = fixtureReceiver({ maxBodyBytes: "1mb" });
 * ```
 */
export function fixtureReceiver(overrides: Partial<ReceiverOptions> = {}): {
  receiver: Receiver;
  calls: TranscriptionEvent[];
} {
  const receiver = createReceiver({
    providers: fixtureProviders() as ReceiverOptions["providers"],
    urlTokenSecret: SECRETS.url,
    maxBodyBytes: "64kb",
    bodyTimeout: "2s",
    ...overrides,
  });
  const calls: TranscriptionEvent[] = [];
  receiver.onAny((event) => {
    calls.push(event);
  });
  return { receiver, calls };
}

/**
 * Headers of an InstantTranscriber delivery of exactly `body`, signed with `secret` by the one
 * delivery builder, `signDelivery()`.
 *
 * @example
 * ```ts
 * await receiver.handle({ method: "POST", url: "/webhooks/instanttranscriber", headers: instantTranscriberHeaders(body), body });
 * ```
 */
export function instantTranscriberHeaders(body: string, secret: string = SECRETS.hmac) {
  const { headers } = signDelivery("instanttranscriber", { body, secret });
  return { ...headers, "x-instanttranscriber-signature": headers["x-instanttranscriber-signature"]! };
}

/**
 * Headers of a Standard Webhooks delivery of exactly `body`, signed by `signDelivery()`.
 *
 * @example
 * ```ts
 * standardWebhooksHeaders(body, { timestamp: Math.floor(Date.now() / 1000) + 3600 }); // signed, but too new
 * ```
 */
export function standardWebhooksHeaders(
  body: string,
  options: { timestamp?: number; secret?: string } = {},
): Record<string, string> {
  return signDelivery("standardwebhooks", { body, secret: SECRETS.whsec, ...options }).headers;
}

/**
 * Path+query of a signed callback URL made by `receiver` for `provider`.
 *
 * @example
 * ```ts
 * signedPath(receiver, "threeplay", { metadata: { orderId: "42" } }); // "/webhooks/threeplay?sh_token=…"
 * ```
 */
export function signedPath(
  receiver: Receiver,
  provider: string,
  options: { metadata?: Record<string, string>; expiresIn?: string; now?: number } = {},
) {
  const url = new URL(receiver.callbackUrl({ provider, baseUrl: "https://hooks.example.com", ...options }));
  return url.pathname + url.search;
}

/**
 * The token of a signed path.
 *
 * @example
 * ```ts
 * const [claims, mac] = tokenOf(signedPath(receiver, "gladia")).split(".");
 * ```
 */
export const tokenOf = (path: string) => new URL(path, "http://x").searchParams.get(URL_TOKEN_PARAM)!;

/**
 * True when `text` contains any configured secret (or the raw Standard Webhooks key).
 *
 * @example
 * ```ts
 * expect(leaksSecret(response.body)).toBe(false);
 * ```
 */
export function leaksSecret(text: string): boolean {
  const raw = Buffer.from(SECRETS.whsec.slice(6), "base64").toString();
  return [...Object.values(SECRETS), raw, "scriptix-0123456789"].some((s) => text.includes(s));
}
