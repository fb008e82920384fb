import { signCallbackUrl } from "./callback-url";
import { parseMultipart } from "./multipart";
import { builtinProviders } from "./providers";
import type { EntryParts, Receiver } from "./receiver";
import { createEnqueueOnce } from "./receiver/enqueue";
import { createReceiverWith, type ReceiverOptionsInput } from "./receiver/lazy";
import { resultReader } from "./transcript/reader";
import { resultClients } from "./transcript/registry";
import { ipAllowList } from "./verify/ip-allowlist";
import { memoryWatchdog } from "./watchdog/memory-watchdog";

/**
 * The root entry wires in everything: every provider and result client, the watchdog, URL signing,
 * the multipart reader (for custom providers that accept multipart without carrying one), the
 * `allowIps` checker, the queue's enqueuer.
 */
const ROOT: EntryParts = {
  entry: "@scribehook/core",
  definitions: builtinProviders,
  results: () => Object.values(resultClients).map(resultReader),
  watchdog: memoryWatchdog,
  signCallbackUrl,
  parseMultipart,
  ipAllowList,
  enqueueOnce: createEnqueueOnce,
};

/**
 * Creates the framework-free receiver; every built-in provider can be configured. Misconfiguration
 * throws here, with a message saying how to fix it. Options may also be a function, called once on
 * the first request with `info.env` of `receiver.fetch(request, info)`: Workers read secrets from
 * `env` at request time. For an edge bundle with only the providers you use, import `createReceiver`
 * from `@scribehook/core/fetch` instead.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core";
 * const receiver = createReceiver({
 *   providers: { assemblyai: { headers: { "x-webhook-token": process.env.AAI_TOKEN! } } },
 * });
 * receiver.onComplete(async (event) => console.log(event.provider, event.jobId));
 * export default { fetch: (req: Request) => receiver.fetch(req) };
 * ```
 */
export function createReceiver<Env = any>(options: ReceiverOptionsInput<Env>): Receiver {
  return createReceiverWith(ROOT, options);
}
