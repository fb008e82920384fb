import { createReceiver, type RequestBody } from "@scribehook/core";
import type { KoaContextLike, KoaTranscriptionWebhook, KoaWebhookOptions } from "./types";

export type { KoaContextLike, KoaTranscriptionWebhook, KoaWebhookOptions } from "./types";

/**
 * Koa 2/3 middleware: answers `<path>/<configured provider>` (405 for a method the provider never uses)
 * and calls `next()` for every other request, your own routes under `path` included. Mount it before a body parser; if koa-bodyparser or @koa/bodyparser
 * ran first, the raw text they keep as `ctx.request.rawBody` is used.
 *
 * @example
 * ```ts
 * import Koa from "koa";
 * import { transcriptionWebhook } from "@scribehook/koa";
 *
 * const app = new Koa();
 * const hooks = transcriptionWebhook({
 *   providers: { assemblyai: { headers: { "x-webhook-token": process.env.AAI_TOKEN! } } },
 * });
 * app.use(hooks);
 * hooks.onComplete(async (event) => console.log(event.provider, event.jobId));
 * app.listen(3000);
 * ```
 */
export function transcriptionWebhook(options: KoaWebhookOptions): KoaTranscriptionWebhook {
  const receiver = createReceiver(options);
  async function scribehookKoa(ctx: KoaContextLike, next: () => Promise<unknown>): Promise<void> {
    // ctx.url is below any koa-mount prefix, as the base path is meant to be.
    if (!receiver.matches(ctx.url)) {
      await next();
      return;
    }
    const out = await receiver.handle({
      method: ctx.method,
      url: ctx.url,
      headers: ctx.req.headers,
      rawHeaders: ctx.req.rawHeaders,
      body: bodyOf(ctx),
      ip: ctx.req.socket.remoteAddress,
    });
    ctx.status = out.status;
    // Headers first: Koa keeps a Content-Type that is already set when the body is assigned.
    for (const [name, value] of Object.entries(out.headers)) ctx.set(name, value);
    ctx.body = out.body;
  }
  return Object.assign(scribehookKoa, receiver);
}

/** A body parser that ran first may have kept the raw text; then it is the body. Else the unread stream. */
function bodyOf(ctx: KoaContextLike): RequestBody {
  const raw = ctx.request.rawBody;
  return ctx.req.readableEnded && (typeof raw === "string" || raw instanceof Uint8Array) ? raw : ctx.req;
}
