import type { IncomingMessage } from "node:http";
import type { Receiver, ReceiverOptions } from "@scribehook/core";

/**
 * Options of `transcriptionWebhook()`: the receiver options of `@scribehook/core`.
 *
 * @example
 * ```ts
 * const options: KoaWebhookOptions = { providers: { gladia: { urlToken: true } }, urlTokenSecret: process.env.URL_SECRET };
 * ```
 */
export type KoaWebhookOptions = ReceiverOptions;

/**
 * The part of a Koa context the middleware uses. Declared here rather than imported from `koa`, so the
 * types work with Koa 2 and 3 and need no `@types/koa`; a real `ctx` always fits.
 *
 * @example
 * ```ts
 * app.use((ctx: KoaContextLike, next) => hooks(ctx, next));
 * ```
 */
export interface KoaContextLike {
  req: IncomingMessage;
  url: string;
  method: string;
  status: number;
  body: unknown;
  set(field: string, value: string): void;
  /** `rawBody` is what koa-bodyparser / @koa/bodyparser keep when they ran first. */
  request: { rawBody?: unknown };
}

/**
 * A Koa middleware that is also the receiver (`onComplete`, `callbackUrl`, …).
 *
 * @example
 * ```ts
 * const hooks: KoaTranscriptionWebhook = transcriptionWebhook(options);
 * app.use(hooks);
 * hooks.onFailed((event) => console.warn(event.jobId, event.error?.message));
 * ```
 */
export interface KoaTranscriptionWebhook extends Receiver {
  (ctx: KoaContextLike, next: () => Promise<unknown>): Promise<void>;
}
