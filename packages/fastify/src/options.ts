import { parseBytes, type ReceiverOptions } from "@scribehook/core";

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

/** The receiver's options: `bodyLimit` becomes `maxBodyBytes`; giving both is a mistake. */
export function receiverOptionsOf(options: FastifyWebhookOptions): ReceiverOptions {
  const { bodyLimit, ...rest } = options;
  if (bodyLimit !== undefined && rest.maxBodyBytes !== undefined) {
    throw new TypeError("@scribehook/fastify: give bodyLimit or maxBodyBytes, not both (they mean the same)");
  }
  return bodyLimit === undefined ? rest : { ...rest, maxBodyBytes: parseBytes(bodyLimit, "bodyLimit") };
}
