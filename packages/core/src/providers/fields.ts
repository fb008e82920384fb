import { sha256Sync } from "#crypto";
import { toHex } from "../encoding";
import { malformed } from "../errors";

/**
 * A non-empty string field, or `undefined`. Numbers are accepted as their decimal text, since some
 * providers send numeric ids.
 *
 * @example
 * ```ts
 * str(payload.id) ?? str(payload.job_id);
 * ```
 */
export function str(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * The parsed body as an object; a JSON array, string, number or `null` is answered 400 rather than
 * crashing the provider's `normalise`.
 *
 * @example
 * ```ts
 * parse: (body) => asObject(body, "Rev AI") as RevAIPayload,
 * ```
 */
export function asObject(body: unknown, provider: string): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body) || body instanceof Uint8Array) {
    throw malformed(`The ${provider} body is not a JSON object`);
  }
  return body as Record<string, unknown>;
}

/** A nested object field, or `undefined`. */
export function obj(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A short, stable digest of a text, for idempotency keys that must tell two deliveries apart. */
export function digest(text: string): string {
  return toHex(sha256Sync(text)).slice(0, 16);
}
