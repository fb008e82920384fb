import { WebhookError } from "../errors";
import type { WebhookResponse } from "../http";

/**
 * A `text/plain` echo for a subscription challenge. The text is the caller's own (a query parameter),
 * so it is limited to token characters and sent with `nosniff`: the receiver can never be made to
 * serve markup or script.
 *
 * @example
 * ```ts
 * return echoChallenge(ctx.url.searchParams.get("validationToken"), "validationToken");
 * ```
 */
export function echoChallenge(
  text: string | null,
  param: string,
  headers: Record<string, string> = {},
): WebhookResponse {
  if (!text)
    throw new WebhookError("handshake_invalid", 400, `The challenge has no ${param} query parameter`);
  if (!/^[A-Za-z0-9._~+/=:-]{1,1024}$/.test(text)) {
    throw new WebhookError(
      "handshake_invalid",
      400,
      `The ${param} query parameter must be 1-1024 letters, digits or . _ ~ + / = : -`,
    );
  }
  return {
    status: 200,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
      ...headers,
    },
    body: text,
  };
}
