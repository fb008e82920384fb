import type { Receiver } from "./receiver";
import { createReceiverWith, type ReceiverOptionsInput } from "./receiver/lazy";

// `@scribehook/core/fetch`: the receiver for Fetch-API runtimes (Workers, Vercel and Next.js edge,
// Deno, Bun), with no provider bundled: import the ones you use from `@scribehook/core/providers/<id>`.
// What a receiver that only receives does not need is wired in only when its option is given:
// `results` (event.transcript(), from `@scribehook/core/results/<id>`), `watchdog: memoryWatchdog`
// (expect(), onOverdue()), `signCallbackUrl` (receiver.callbackUrl()), `ipAllowList` (a provider's
// `allowIps`) and `enqueueOnce: createEnqueueOnce` (the `queue` option); the multipart reader comes
// with the providers that accept multipart (Speechmatics; a custom definition gives `parseMultipart`
// from here). Exports a bundle does not
// use are dropped by the bundler (the package has no side effects).

export { type CallbackUrlOptions, signCallbackUrl } from "./callback-url";
export { memoryStore } from "./dedupe/memory-store";
export type { ClaimResult, DedupeStore } from "./dedupe/store";
export { WebhookError, type WebhookErrorCode } from "./errors";
export type { EventHandler, EventType, RejectedDelivery, TranscriptionEvent } from "./events";
export { type MultipartPart, parseMultipart } from "./multipart";
export type { ReceiverOptions } from "./options";
export type { ProviderConfig, ProviderDefinition } from "./providers/define-provider";
export { defineProvider } from "./providers/define-provider";
export type { Receiver } from "./receiver";
export { createEnqueueOnce } from "./receiver/enqueue";
export type { ReceiverOptionsInput } from "./receiver/lazy";
export { type ResultReader, resultReader } from "./transcript/reader";
export { hmacSignature } from "./verify/hmac-signature";
export { ipAllowList } from "./verify/ip-allowlist";
export { memoryWatchdog } from "./watchdog/memory-watchdog";
export type { Expectation, OverdueEvent } from "./watchdog/overdue";

/**
 * Creates a receiver that knows only the providers given in `definitions` (and `customProviders`),
 * so that a bundle carries only their code. A provider configured but not given is refused with a
 * TypeError naming the import to add. Options may be a function, built once on the first request
 * with `info.env` from `receiver.fetch(request, info)`, as Workers need; handlers added at module
 * scope apply. Result readers (`results`, for `event.transcript()`), the watchdog (`watchdog`, for
 * `expect()`) and the URL signer (`signCallbackUrl`, for `callbackUrl()`) are bundled only when
 * given; without them those calls fail with a TypeError naming the import. The address checker
 * (`ipAllowList`) and the queue's enqueuer (`enqueueOnce: createEnqueueOnce`) too: `allowIps` or
 * `queue` without them is refused at creation, naming the import. The multipart reader is
 * bundled only with a provider that accepts multipart (Speechmatics carries it; a custom definition
 * that accepts multipart gives `parseMultipart`, or creation throws a TypeError naming the import).
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { assemblyai } from "@scribehook/core/providers/assemblyai";
 *
 * const receiver = createReceiver((env: { AAI_TOKEN: string }) => ({
 *   definitions: [assemblyai],
 *   providers: { assemblyai: { headers: { "x-webhook-token": env.AAI_TOKEN } } },
 * }));
 * receiver.onComplete(async (event) => console.log(event.jobId));
 * export default { fetch: (request: Request, env: unknown) => receiver.fetch(request, { env }) };
 * ```
 */
export function createReceiver<Env = any>(options: ReceiverOptionsInput<Env>): Receiver {
  return createReceiverWith({ entry: "@scribehook/core/fetch", definitions: {} }, options);
}
