import type { RequestBody } from "@scribehook/core";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/**
 * Every method, so that one a provider never uses is answered 405 + Allow by core, as in every other
 * framework, instead of Fastify's own 404.
 */
const METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"] as const;

/** A provider id that can be a static route segment (no `:`, `*` or other router syntax). */
const STATIC_SEGMENT = /^[\w-]+$/;

/**
 * The webhook routes, registered in an encapsulated child: its parsers and error handler apply to
 * them only, so the app's own JSON parser keeps working everywhere else.
 */
export async function webhookRoutes(
  child: FastifyInstance,
  { providers }: { providers: string[] },
): Promise<void> {
  child.removeAllContentTypeParsers();
  // Hand the unread stream through: core reads and verifies the exact bytes under its own limit.
  child.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
  // Fastify refuses a Content-Type it cannot parse (415) before any parser runs; answer it as core
  // does in every other framework instead, so the sender gets the same reply everywhere.
  child.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return respond(child, request, reply, request.raw);
    return reply.send(error);
  });
  const base = child.transcriptionWebhook.path;
  const handler = (request: FastifyRequest, reply: FastifyReply) =>
    respond(child, request, reply, bodyOf(request));
  for (const url of [`${base}/*`, base === "" ? "/" : base]) {
    child.route({
      method: [...METHODS],
      url,
      exposeHeadRoute: false,
      handler,
    });
  }
  // Deliveries come as POST: a static route per configured provider is found faster than the
  // wildcard (other methods still reach the wildcard, or the app's own route on the same path).
  for (const id of providers.filter((p) => STATIC_SEGMENT.test(p))) {
    child.post(`${base}/${id}`, handler);
  }
}

async function respond(
  instance: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  body: RequestBody,
): Promise<FastifyReply> {
  const receiver = instance.transcriptionWebhook;
  // The receiver routes by the path below any `prefix` the plugin was registered with.
  const url = request.url.slice(instance.prefix.length) || "/";
  const out = await receiver.handle({
    method: request.method,
    url,
    headers: request.headers,
    rawHeaders: request.raw.rawHeaders,
    body,
    ip: request.raw.socket.remoteAddress,
  });
  return reply.code(out.status).headers(out.headers).send(out.body);
}

/** The stream our parser passed through, or (no body, no parser run) the request itself. */
function bodyOf(request: FastifyRequest): RequestBody {
  const body = request.body as RequestBody;
  return body !== undefined && body !== null ? body : request.raw;
}
