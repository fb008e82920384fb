import { WebhookError } from "../errors";
import type { Emitter } from "../events";
import { requestHeaders } from "../header-count";
import type { WebhookRequest, WebhookResponse } from "../http";
import { clientAddress } from "../verify/ip-allowlist";
import type { createPipeline, Delivery } from "./deliver";
import { pathnameOf, urlOf } from "./request-target";
import { internalError } from "./respond";
import type { createRouter } from "./route";

/** What one request's handling needs, worked out once at creation. */
export interface HandleParts {
  router: ReturnType<typeof createRouter>;
  deliver: ReturnType<typeof createPipeline>;
  emitter: Emitter;
  /** `trustProxy` of the receiver options (`false` when not given). */
  trustProxy: boolean | number;
}

/**
 * The receiver's `handle()`: one request → its response. Routes it, runs the pipeline of one delivery,
 * and turns every refusal or failure into its response, telling `onRejected` listeners why. Never throws.
 *
 * @example
 * ```ts
 * const handle = createHandle({ router, deliver, emitter, trustProxy: false });
 * const response = await handle({ method: "POST", url: "/webhooks/assemblyai", headers, body });
 * ```
 */
export function createHandle({ router, deliver, emitter, trustProxy }: HandleParts) {
  return async function handle(request: WebhookRequest): Promise<WebhookResponse> {
    const { header, count } = requestHeaders(request);
    const method = request.method.toUpperCase();
    const target = request.url;
    const path = pathnameOf(target);
    let url: URL | undefined;
    const ip = clientAddress(request.ip, header("x-forwarded-for"), trustProxy);
    let providerId: string | undefined;
    const delivery: Delivery = {
      method,
      path,
      hasQuery: target.includes("?"),
      url: () => (url ??= urlOf(target)),
      header,
      count,
      body: request.body,
      ip,
    };
    // An answer given without reading an announced body closes the connection: otherwise the server
    // would read (drain) the whole body to keep the connection alive, however large it is.
    const closeIfUnread = (res: WebhookResponse): WebhookResponse =>
      delivery.bodyStarted || !announcesBody(header) || res.headers.connection
        ? res
        : { ...res, headers: { ...res.headers, connection: "close" } };
    try {
      const provider = router.route(path);
      providerId = provider.definition.id;
      return closeIfUnread(await deliver(provider, delivery));
    } catch (err) {
      const error = err instanceof WebhookError ? err : internalError(err);
      // A handler's or an unexpected failure is reported as the value thrown; a refusal as itself.
      const thrown = !(err instanceof WebhookError) ? err : err.code === "handler_failed" ? err.cause : err;
      emitter.rejected({
        status: error.status,
        code: error.code,
        message: error.message,
        provider: providerId,
        method,
        path,
        ip,
        error: thrown,
      });
      return closeIfUnread(error.toResponse());
    }
  };
}

/** True when the request says a body follows (a non-zero Content-Length, or chunked). */
function announcesBody(header: (name: string) => string | undefined): boolean {
  const length = header("content-length");
  if (length !== undefined && length.trim() !== "0") return true;
  return header("transfer-encoding") !== undefined;
}
