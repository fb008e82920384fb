import { randomUUID } from "node:crypto";
import type { SampleDelivery, SignDeliveryOptions } from "./types";

/** What a builder decides; {@link delivery} adds the URL, the method and the caller's headers. */
export interface DeliveryParts {
  /** The body, exactly as sent. */
  body: string;
  /** Headers the provider sends (content type, signature, …). */
  headers: Record<string, string>;
  /** Methods the provider calls back with; the first is the default. Default `["POST"]`. */
  methods?: readonly ("POST" | "PUT")[];
  /** Used when `options.callbackUrl` is not given. Default `/webhooks/<provider>`. */
  defaultUrl?: string;
}

/**
 * Assembles a {@link SampleDelivery}: picks and checks the method, resolves the URL into `path`, and
 * lays `options.headers` over the provider's own (lower-cased, so an override replaces, never doubles).
 * Throws an `Error` for a method the provider never uses.
 *
 * @example
 * ```ts
 * delivery("gladia", { method: "PUT" }, { methods: ["POST", "PUT"], body, headers: { "content-type": "application/json" } });
 * ```
 */
export function delivery(
  provider: string,
  options: SignDeliveryOptions,
  parts: DeliveryParts,
): SampleDelivery {
  const methods = parts.methods ?? ["POST"];
  const method = options.method ?? methods[0]!;
  if (!methods.includes(method)) {
    throw new Error(
      `signDelivery("${provider}"): ${provider} calls back with ${methods.join(" or ")}, not ${method}`,
    );
  }
  const url = options.callbackUrl ?? parts.defaultUrl ?? `/webhooks/${provider}`;
  return {
    method,
    url,
    path: pathOf(url),
    headers: { ...lowerKeys(parts.headers), ...lowerKeys(options.headers ?? {}) },
    body: options.body ?? parts.body,
  };
}

/**
 * A fresh job id with a readable prefix, unique per call.
 *
 * @example
 * ```ts
 * randomJobId("gl"); // "gl-3f9c1a…"
 * ```
 */
export function randomJobId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/**
 * The builder's status for `options.status`: the normalised names `"completed"` / `"failed"` (and any
 * other key of `aliases`) become the provider's own word; anything else is taken as the provider's own.
 *
 * @example
 * ```ts
 * providerStatus({ status: "failed" }, { completed: "complete", failed: "cancelled" }); // "cancelled"
 * ```
 */
export function providerStatus(options: SignDeliveryOptions, aliases: Record<string, string>): string {
  const status = options.status ?? "completed";
  return Object.hasOwn(aliases, status) ? aliases[status]! : status;
}

function pathOf(url: string): string {
  if (url.startsWith("/")) return url;
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    throw new Error(
      `signDelivery: callbackUrl must be an absolute URL or a path starting with "/", got ${JSON.stringify(url)}`,
    );
  }
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}
