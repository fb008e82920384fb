import { createReceiver, type Receiver } from "@scribehook/core";
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import { type FastifyWebhookOptions, receiverOptionsOf } from "./options";
import { webhookRoutes } from "./routes";

export type { FastifyWebhookOptions } from "./options";

declare module "fastify" {
  interface FastifyInstance {
    /** The scribehook receiver: `onComplete`, `onFailed`, `callbackUrl`, … */
    transcriptionWebhook: Receiver;
  }
}

const plugin: FastifyPluginAsync<FastifyWebhookOptions> = async (app, options) => {
  app.decorate("transcriptionWebhook", createReceiver(receiverOptionsOf(options)));
  await app.register(webhookRoutes, { providers: Object.keys(options.providers) });
};

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
