import {
  createReceiver,
  parseBytes,
  type Receiver,
  type ReceiverOptions,
  type RequestBody,
} from "@scribehook/core";
import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
} from "fastify";
import fp from "fastify-plugin";

/**
 * Options of the plugin: the receiver options of `@scribehook/core`, plus Fastify's own `bodyLimit`
 * for the webhook routes.
 *
 * @example
 * ```ts
 * const options: FastifyWebhookOptions = {
 *   providers: { gladia: { urlToken: true } }, urlTokenSecret: process.env.URL_SECRET, bodyLimit: "20mb",
 * };
 * await app.register(transcriptionWebhook, options);
 * ```
 */
export interface FastifyWebhookOptions extends ReceiverOptions {
  /**
   * Body limit of the webhook routes, in bytes (or `"20mb"`): Fastify's route option, here the same as
   * `maxBodyBytes` (give one of the two). The server-wide `bodyLimit` (1 MiB by default) does not apply
   * to the webhook routes, as a route's own `bodyLimit` would replace it: scribehook's limit (25 MB by
   * default, per provider if set) does, because providers send whole transcripts inline.
   */
  bodyLimit?: number | string;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The scribehook receiver: `onComplete`, `onFailed`, `callbackUrl`, … */
    transcriptionWebhook: Receiver;
  }
}

/**
 * Every method, so that one a provider never uses is answered 405 + Allow by core, as in every other
 * framework, instead of Fastify's own 404.
 */
const METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"] as const;

const plugin: FastifyPluginAsync<FastifyWebhookOptions> = async (app, options) => {
  const { bodyLimit, ...rest } = options;
  if (bodyLimit !== undefined && rest.maxBodyBytes !== undefined) {
    throw new TypeError("@scribehook/fastify: give bodyLimit or maxBodyBytes, not both (they mean the same)");
  }
  const receiverOptions: ReceiverOptions =
    bodyLimit === undefined ? rest : { ...rest, maxBodyBytes: parseBytes(bodyLimit, "bodyLimit") };
  const receiver = createReceiver(receiverOptions);
  app.decorate("transcriptionWebhook", receiver);

  // An encapsulated child: its parsers and error handler apply to the webhook routes only, so the
  // app's own JSON parser keeps working everywhere else.
  await app.register(async (child) => {
    child.removeAllContentTypeParsers();
    // Hand the unread stream through: core reads and verifies the exact bytes under its own limit.
    child.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
    // Fastify refuses a Content-Type it cannot parse (415) before any parser runs; answer it as core
    // does in every other framework instead, so the sender gets the same reply everywhere.
    child.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return respond(child, request, reply, request.raw);
      return reply.send(error);
    });
    const base = receiver.path;
    for (const url of [`${base}/*`, base === "" ? "/" : base]) {
      child.route({
        method: [...METHODS],
        url,
        exposeHeadRoute: false,
        handler: (request, reply) => respond(child, request, reply, bodyOf(request)),
      });
    }
  });
};

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

/**
 * Fastify 5 plugin: registers `<path>/*` for every method (the provider is the segment after `path`),
 * reads those bodies raw for verification while the app's parsers keep working elsewhere, and
 * decorates `app.transcriptionWebhook` with the receiver.
 *
 * @example
 * ```ts
 * import Fastify from "fastify";
 * import { transcriptionWebhook } from "@scribehook/fastify";
 *
 * const app = Fastify();
 * await app.register(transcriptionWebhook, {
 *   providers: { assemblyai: { headers: { "x-webhook-token": process.env.AAI_TOKEN! } } },
 * });
 * app.transcriptionWebhook.onComplete(async (event) => console.log(event.provider, event.jobId));
 * await app.listen({ port: 3000 });
 * ```
 */
export const transcriptionWebhook = fp(plugin, { fastify: "5.x", name: "@scribehook/fastify" });
