import { compileProviders, type ProviderParts } from "./compile-providers";
import { memoryStore } from "./dedupe/memory-store";
import { Emitter, type EventHandler, type EventType, type TranscriptionEvent } from "./events";
import type { WebhookResponse } from "./http";
import type { ReceiverOptions } from "./options";
import { createPipeline } from "./receiver/deliver";
import { createHandle } from "./receiver/handle";
import type { Receiver } from "./receiver/receiver-type";
import { OK, toFetchResponse } from "./receiver/respond";
import { resultWiring } from "./receiver/results";
import { createRouter } from "./receiver/route";
import { createRunOnce } from "./receiver/run-once";
import type { ResultReader } from "./transcript/reader";
import { parseDuration } from "./units";
import { validateReceiverOptions } from "./validate-options";
import { secretList } from "./verify/hmac";
import type { Expectation, OverdueEvent } from "./watchdog/overdue";

export type { Receiver } from "./receiver/receiver-type";

/**
 * What an entry wires in by itself: the root (`@scribehook/core`) every built-in provider, result
 * reader, the watchdog, URL signing, the multipart reader, the `allowIps` checker and the queue's
 * enqueuer; `@scribehook/core/fetch` none of them, so that an edge bundle carries only what its
 * options import. Options add to these (`definitions`, `results`, `watchdog`, `signCallbackUrl`,
 * `ipAllowList`, `enqueueOnce`; a definition that accepts multipart carries its reader).
 */
export interface EntryParts extends ProviderParts {
  results?: () => readonly ResultReader[];
  watchdog?: ReceiverOptions["watchdog"];
  signCallbackUrl?: ReceiverOptions["signCallbackUrl"];
  enqueueOnce?: ReceiverOptions["enqueueOnce"];
}

/**
 * Builds the framework-free receiver from options, its provider ids resolved against
 * `parts.definitions` (see `createReceiver` in create-receiver.ts and fetch.ts, and lazy options in
 * receiver/lazy.ts). Misconfiguration throws here, with a message saying how to fix it. The request
 * logic lives in `receiver/`: one request (`handle.ts`), routing (`route.ts`), the pipeline of one delivery (`deliver.ts`),
 * running the handlers once (`run-once.ts`) and the responses (`respond.ts`).
 */
export function buildReceiver(
  options: ReceiverOptions,
  parts: EntryParts,
  emitter: Emitter = new Emitter(),
): Receiver {
  validateReceiverOptions(options);
  const urlSecrets = options.urlTokenSecret === undefined ? [] : secretList(options.urlTokenSecret);
  const providers = compileProviders(options, urlSecrets.length > 0, parts);
  const router = createRouter(options.path ?? "/webhooks", providers);
  const runOnce = createRunOnce({
    store: options.store ?? memoryStore(),
    emitter,
    claimTtlMs: parseDuration(options.claimTtl ?? "60s", "claimTtl"),
    dedupeTtlMs: parseDuration(options.dedupeTtl ?? "7d", "dedupeTtl"),
    handlerTimeoutMs: parseDuration(options.handlerTimeout ?? "8s", "handlerTimeout"),
  });
  const queue = options.queue;
  const createEnqueueOnce = options.enqueueOnce ?? parts.enqueueOnce;
  if (queue && !createEnqueueOnce) {
    throw new TypeError(
      `queue: ${parts.entry} hands events to a queue only when given the enqueuer: add import { createEnqueueOnce } from "${parts.entry}" and give enqueueOnce: createEnqueueOnce in the receiver options`,
    );
  }
  const enqueueOnce = queue
    ? createEnqueueOnce!({
        queue,
        store: options.store ?? memoryStore(),
        claimTtlMs: parseDuration(options.claimTtl ?? "60s", "claimTtl"),
        dedupeTtlMs: parseDuration(options.dedupeTtl ?? "7d", "dedupeTtl"),
        enqueueTimeoutMs: parseDuration(options.enqueueTimeout ?? "5s", "enqueueTimeout"),
      })
    : undefined;

  const results = resultWiring(parts.entry, parts.results?.() ?? [], options);
  const watchdog = (options.watchdog ?? parts.watchdog)?.({
    statusOf: (id) => results.statusOf(providers.get(id)!),
    settle: (id, fields) => settle(results.event(providers.get(id)!, fields), OK),
  });
  /** The watchdog, or a TypeError naming the import when this entry has none. */
  const needWatchdog = (what: string) => {
    if (!watchdog) {
      throw new TypeError(
        `${what}: ${parts.entry} has no watchdog unless you give one: add import { memoryWatchdog } from "${parts.entry}" and give watchdog: memoryWatchdog in the receiver options`,
      );
    }
    return watchdog;
  };
  const settle = (event: TranscriptionEvent, success: WebhookResponse): Promise<WebhookResponse> => {
    watchdog?.arrived(event);
    return (enqueueOnce ?? runOnce)(event, success);
  };
  const deliver = createPipeline({
    urlSecrets,
    bodyTimeoutMs: parseDuration(options.bodyTimeout ?? "30s", "bodyTimeout"),
    runOnce: settle,
    makeEvent: results.event,
  });
  /** With a queue, handlers belong to workers: adding one here would silently never run. */
  const handlersHere = <A extends unknown[], R>(fn: (...args: A) => R) =>
    queue
      ? () => {
          throw new TypeError(
            "This receiver has a queue: handlers run in workers, not in the web process. Add them to the worker, e.g. transcriptionWorker({ connection, name }).onComplete(handler) from @scribehook/bullmq",
          );
        }
      : fn;

  const handle = createHandle({ router, deliver, emitter, trustProxy: options.trustProxy ?? false });

  return {
    path: router.base,
    handle,
    matches: router.matches,
    async fetch(request, info) {
      const u = new URL(request.url);
      const res = await handle({
        method: request.method,
        url: u.pathname + u.search,
        headers: request.headers,
        body: request.body,
        ip: info?.ip,
      });
      return toFetchResponse(res);
    },
    callbackUrl(opts) {
      if (!providers.has(opts.provider))
        throw new TypeError(`callbackUrl: provider "${opts.provider}" is not configured in providers`);
      if (urlSecrets.length === 0) {
        throw new TypeError("callbackUrl: set urlTokenSecret in the receiver options to sign callback URLs");
      }
      const sign = options.signCallbackUrl ?? parts.signCallbackUrl;
      if (!sign) {
        throw new TypeError(
          `callbackUrl: ${parts.entry} signs callback URLs only when given the signer: add import { signCallbackUrl } from "${parts.entry}" and give signCallbackUrl in the receiver options`,
        );
      }
      return sign({ ...opts, path: `${router.base}/${opts.provider}`, secret: urlSecrets[0]! });
    },
    on: handlersHere((type: EventType | "transcription.overdue", fn: EventHandler<any>) =>
      type === "transcription.overdue"
        ? needWatchdog('on("transcription.overdue")').onOverdue(fn)
        : emitter.on(type, fn),
    ),
    onComplete: handlersHere((fn: EventHandler<any>) => emitter.on("transcription.completed", fn)),
    onFailed: handlersHere((fn: EventHandler<any>) => emitter.on("transcription.failed", fn)),
    onAny: handlersHere((fn: EventHandler<TranscriptionEvent>) => emitter.on("*", fn)),
    onOverdue: handlersHere((fn: EventHandler<OverdueEvent>) => needWatchdog("onOverdue").onOverdue(fn)),
    onRejected: (fn) => emitter.onRejected(fn),
    async expect(expectation) {
      const { provider, jobId, within } = (expectation ?? {}) as Partial<Expectation>;
      if (typeof provider !== "string" || !providers.has(provider)) {
        throw new TypeError(`expect: provider "${String(provider)}" is not configured in providers`);
      }
      if (typeof jobId !== "string" || jobId === "")
        throw new TypeError("expect: jobId must be a non-empty string");
      const withinMs = parseDuration(within as number | string, "expect: within");
      if (!queue) return needWatchdog("expect").expect(provider, jobId, withinMs);
      if (!queue.expect) {
        throw new TypeError(
          "expect: this queue has no expect(); the watchdog needs a queue that stores deadlines",
        );
      }
      const expectedAt = new Date();
      await queue.expect({
        provider,
        jobId,
        expectedAt,
        expectedBy: new Date(expectedAt.getTime() + withinMs),
      });
    },
    async close() {
      watchdog?.close();
      await queue?.close();
    },
  };
}
