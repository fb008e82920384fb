import type { IncomingMessage, ServerResponse } from "node:http";
import { createReceiver } from "@scribehook/core";
import type { ExpressTranscriptionWebhook, ExpressWebhookOptions } from "./types";

export type { ExpressTranscriptionWebhook, ExpressWebhookOptions } from "./types";

/**
 * Express 4/5 middleware: answers `<path>/<configured provider>` (405 for a method the provider never
 * uses) and calls `next()` for every other request, your own routes under `<path>` included. Mount it before `express.json()`, or keep the raw body as `req.rawBody` (or use `express.raw()`).
 *
 * @example
 * ```ts
 * import express from "express";
 * import { transcriptionWebhook } from "@scribehook/express";
 *
 * const app = express();
 * const hooks = transcriptionWebhook({
 *   providers: { assemblyai: { headers: { "x-webhook-token": process.env.AAI_TOKEN! } } },
 * });
 * app.use(hooks);
 * hooks.onComplete(async (event) => console.log(event.provider, event.jobId));
 * ```
 */
export function transcriptionWebhook(options: ExpressWebhookOptions): ExpressTranscriptionWebhook {
  const receiver = createReceiver(options);
  function scribehookExpress(req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void {
    // Express strips the mount prefix from req.url; the base path is matched below the mount point.
    if (!receiver.matches(req.url ?? "/")) {
      next();
      return;
    }
    receiver
      .handle({
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: bodyOf(req),
        ip: req.socket.remoteAddress,
      })
      .then((out) => {
        // Not writeHead(): so end() knows the whole body and sends Content-Length in one write.
        res.statusCode = out.status;
        for (const name in out.headers) res.setHeader(name, out.headers[name]!);
        res.end(out.body);
      }, next);
  }
  return Object.assign(scribehookExpress, receiver);
}

/**
 * A body parser that ran first may have kept the raw bytes: `req.rawBody` (from a `verify` callback),
 * or `req.body` as a Buffer (from `express.raw()`). Then they are the body; otherwise the consumed
 * stream is passed on and core answers 500 `body_already_parsed`, never a wrong verdict.
 */
function bodyOf(req: IncomingMessage & { rawBody?: unknown; body?: unknown }) {
  if (!req.readableEnded) return req;
  const raw: unknown = req.rawBody;
  if (typeof raw === "string" || raw instanceof Uint8Array) return raw;
  return Buffer.isBuffer(req.body) ? req.body : req;
}
