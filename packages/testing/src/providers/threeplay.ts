import { randomInt } from "node:crypto";
import { delivery, providerStatus } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * A 3Play Media status-change callback: POST, form-encoded by default, every value a string (`id`,
 * `media_file_id`, `batch_id`, `status`, `cancellable`, `reference_id`, `duration`, `language_id`, and
 * `cancellation_reason` when cancelled). 3Play's content type is unconfirmed: to get the same fields as
 * JSON, pass `headers: { "content-type": "application/json" }`.
 *
 * Status: `"completed"` → `complete`, `"failed"` (or `"cancelled"`) → `cancelled`, `"processing"` →
 * `in_progress`; any other value is sent as it is. 3Play does not sign: pass a `callbackUrl` from
 * `receiver.callbackUrl({ provider: "threeplay", … })`.
 *
 * @example
 * ```ts
 * threeplayDelivery({ jobId: "8812", callbackUrl: receiver.callbackUrl({ provider: "threeplay", baseUrl }) }).body;
 * // "id=8812&media_file_id=…&status=complete&cancellable=false&…"
 * ```
 */
export function threeplayDelivery(options: SignDeliveryOptions): SampleDelivery {
  const id = options.jobId ?? String(randomInt(1_000_000, 9_999_999));
  const status = providerStatus(options, {
    completed: "complete",
    failed: "cancelled",
    processing: "in_progress",
  });
  const fields: Record<string, unknown> = {
    id,
    media_file_id: String(randomInt(1_000_000, 9_999_999)),
    batch_id: String(randomInt(10_000, 99_999)),
    status,
    cancellable: status === "in_progress" ? "true" : "false",
    reference_id: `order-${id}`,
    duration: "642.5",
    language_id: "1",
    ...(status === "cancelled" ? { cancellation_reason: "Cancelled by the customer" } : {}),
    ...options.payload,
  };
  // Every value as a string, as 3Play sends them; a field set to `undefined` in `payload` is left out.
  const pairs = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, text(v)] as [string, string]);
  const asJson = /json/i.test(contentTypeOf(options.headers) ?? "");
  const body =
    options.body ??
    (asJson ? JSON.stringify(Object.fromEntries(pairs)) : new URLSearchParams(pairs).toString());
  return delivery("threeplay", options, {
    body,
    headers: { "content-type": asJson ? "application/json" : "application/x-www-form-urlencoded" },
  });
}

/** 3Play sends strings only. */
const text = (v: unknown): string => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));

function contentTypeOf(headers: Record<string, string> | undefined): string | undefined {
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === "content-type") return v;
  return undefined;
}
