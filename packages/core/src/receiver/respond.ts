import { WebhookError } from "../errors";
import type { WebhookResponse } from "../http";

/** A JSON response with the charset set, as every scribehook answer is. */
export function json(status: number, body: unknown): WebhookResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify(body),
  };
}

/** The answer to a processed delivery. */
export const OK: WebhookResponse = json(200, { ok: true });
/** The answer to an authentic delivery that carries nothing for handlers (`Normalised.ignore`). */
export const IGNORED: WebhookResponse = json(200, { ok: true, ignored: true });
/** The answer to a delivery already processed. */
export const DUPLICATE: WebhookResponse = json(200, { ok: true, duplicate: true });

/** Any failure that is not a `WebhookError` is ours: 500, and nothing was acknowledged. */
export const internalError = (cause: unknown): WebhookError =>
  new WebhookError(
    "internal_error",
    500,
    "scribehook failed unexpectedly; nothing was acknowledged",
    {},
    { cause },
  );

/** A `WebhookResponse` as a Fetch `Response` (no body where HTTP forbids one). */
export function toFetchResponse(res: WebhookResponse): Response {
  return new Response(res.status === 204 || res.status === 304 ? null : res.body, {
    status: res.status,
    headers: res.headers,
  });
}
