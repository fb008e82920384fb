import type { IncomingMessage, ServerResponse } from "node:http";
import type { Receiver, ReceiverOptions } from "@scribehook/core";

/**
 * Options of `transcriptionWebhook()`: the receiver options of `@scribehook/core`.
 *
 * @example
 * ```ts
 * const options: ExpressWebhookOptions = { providers: { gladia: { urlToken: true } }, urlTokenSecret: process.env.URL_SECRET };
 * ```
 */
export type ExpressWebhookOptions = ReceiverOptions;

/**
 * An Express middleware that is also the receiver (`onComplete`, `callbackUrl`, …).
 *
 * @example
 * ```ts
 * const hooks: ExpressTranscriptionWebhook = transcriptionWebhook(options);
 * app.use(hooks);
 * hooks.onFailed((event) => console.warn(event.jobId, event.error?.message));
 * ```
 */
export interface ExpressTranscriptionWebhook extends Receiver {
  (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void;
}
