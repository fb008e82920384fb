import type { CallbackUrlOptions } from "./callback-url";
import type { DedupeStore } from "./dedupe/store";
import type { ProviderId } from "./events";
import type { ProviderConfig, ProviderDefinition } from "./providers/define-provider";
import type { TranscriptionQueue } from "./queue/queue";
import type { createEnqueueOnce } from "./receiver/enqueue";
import type { ResultReader } from "./transcript/reader";
import type { ipAllowList } from "./verify/ip-allowlist";
import type { memoryWatchdog } from "./watchdog/memory-watchdog";
import type { JobStatusFn } from "./watchdog/overdue";

/**
 * Provider id → its configuration. Only the providers listed here are accepted.
 *
 * @example
 * ```ts
 * const providers: ProvidersOptions = { assemblyai: { headers: { "x-webhook-token": process.env.AAI_TOKEN! } } };
 * ```
 */
export type ProvidersOptions = { [P in ProviderId]?: ProviderConfig };

/**
 * Options of `createReceiver()`, and of every adapter's `transcriptionWebhook()`.
 *
 * @example
 * ```ts
 * const options: ReceiverOptions = {
 *   providers: { assemblyai: { headers: { "x-webhook-token": process.env.AAI_TOKEN! } } },
 *   maxBodyBytes: "20mb",
 * };
 * ```
 */
export interface ReceiverOptions {
  /** Base path; the provider id is the next segment (`POST /webhooks/assemblyai`). Default `/webhooks`. */
  path?: string;
  providers: ProvidersOptions;
  /** Secret(s) for signed callback URLs: the first signs, all verify (rotation). */
  urlTokenSecret?: string | readonly string[];
  /** Body limit: bytes or a string like `"20mb"`. Default `"25mb"`. */
  maxBodyBytes?: number | string;
  /** How long a body may take to arrive: milliseconds or a string like `"30s"`. Default 30 s. */
  bodyTimeout?: number | string;
  /** Where processed deliveries are remembered. Default `memoryStore()`. */
  store?: DedupeStore;
  /** How long a processed delivery is remembered: milliseconds or a string like `"7d"`. Default 7 days. */
  dedupeTtl?: number | string;
  /**
   * How long a delivery being processed blocks its duplicates (they get 503 + Retry-After), so a
   * process that dies mid-handler cannot block the provider's retries for ever. The claim is
   * renewed every third of it while the handlers run, so only a dead process's claim expires:
   * milliseconds or a string like `"60s"`. Default 60 s.
   */
  claimTtl?: number | string;
  /**
   * How long the handlers may take before the provider is answered 503 (with Retry-After) and the
   * claim is released, so its retry is processed: milliseconds or a string like `"8s"`. Default 8 s,
   * below the shortest deadline a provider documents (AssemblyAI waits 10 s for a 2xx). The
   * handlers are not stopped (JavaScript cannot): if they finish later they still mark the delivery
   * processed, and until then a retry may run them a second time. Hand long work to a queue.
   */
  handlerTimeout?: number | string;
  /** Take the client address from `X-Forwarded-For`: `true` (left-most) or the number of proxies you run. */
  trustProxy?: boolean | number;
  /**
   * Built-in providers to accept, imported one by one from `@scribehook/core/providers/<id>`. The
   * `@scribehook/core/fetch` entry bundles no provider by itself, so there every provider configured
   * under `providers` must be listed here; the root entry knows them all and accepts the list too.
   *
   * @example
   * ```ts
   * import { createReceiver } from "@scribehook/core/fetch";
   * import { assemblyai } from "@scribehook/core/providers/assemblyai";
   * createReceiver({ definitions: [assemblyai], providers: { assemblyai: { headers } } });
   * ```
   */
  definitions?: readonly ProviderDefinition<string, any>[];
  /** Providers you defined with `defineProvider()`, configured under `providers` like the built-in ones. */
  customProviders?: readonly ProviderDefinition<string, any>[];
  /**
   * Acknowledge first, process on workers: each verified, de-duplicated event is handed to this
   * queue and the provider gets 200 once it is stored; handlers run in workers, not here. Any
   * object with `enqueue(event)` and `close()` (see `TranscriptionQueue`), e.g. `bullmqQueue()`
   * from `@scribehook/bullmq`. Default: none, handlers run before the answer.
   */
  queue?: TranscriptionQueue;
  /**
   * What hands verified events to `queue`: `createEnqueueOnce`. The root entry has it already;
   * `@scribehook/core/fetch` only when given, and refuses `queue` without it.
   *
   * @example
   * ```ts
   * import { createEnqueueOnce, createReceiver } from "@scribehook/core/fetch";
   * createReceiver({ definitions: [assemblyai], queue, enqueueOnce: createEnqueueOnce, providers });
   * ```
   */
  enqueueOnce?: typeof createEnqueueOnce;
  /** How long `queue.enqueue()` may take before the delivery is answered 503: milliseconds or `"5s"`. Default 5 s. */
  enqueueTimeout?: number | string;
  /**
   * The watchdog's poll step: asks a provider's status API about a job whose callback is overdue,
   * for providers configured with an `apiKey`. Default: the documented status API of the provider's
   * result reader (every built-in provider that has one at the root; with `@scribehook/core/fetch`,
   * the providers given in `results`).
   */
  jobStatus?: JobStatusFn;
  /**
   * Result readers, imported one by one from `@scribehook/core/results/<id>`: they give events
   * `transcript()` / `captions()` and the watchdog its status poll. `@scribehook/core/fetch` bundles
   * no reader by itself, so there `transcript()` of a provider not listed here rejects with a
   * TypeError naming the import; the root entry reads every built-in provider's result already.
   *
   * @example
   * ```ts
   * import { assemblyaiResults } from "@scribehook/core/results/assemblyai";
   * createReceiver({ definitions: [assemblyai], results: [assemblyaiResults], providers });
   * ```
   */
  results?: readonly ResultReader[];
  /**
   * The in-process watchdog behind `expect()` and `onOverdue()` for a receiver without a queue:
   * `memoryWatchdog`. The root entry has it already; `@scribehook/core/fetch` only when given.
   *
   * @example
   * ```ts
   * import { createReceiver, memoryWatchdog } from "@scribehook/core/fetch";
   * createReceiver({ definitions: [scriptix], watchdog: memoryWatchdog, providers });
   * ```
   */
  watchdog?: typeof memoryWatchdog;
  /**
   * What `receiver.callbackUrl()` signs with: `signCallbackUrl`. The root entry has it already;
   * `@scribehook/core/fetch` only when given (it carries a SHA-256 in JavaScript, since Web Crypto
   * cannot sign synchronously).
   *
   * @example
   * ```ts
   * import { createReceiver, signCallbackUrl } from "@scribehook/core/fetch";
   * createReceiver({ definitions: [gladia], urlTokenSecret, signCallbackUrl, providers });
   * ```
   */
  signCallbackUrl?: (options: CallbackUrlOptions & { path: string; secret: string }) => string;
  /**
   * What a provider's `allowIps` is checked with: `ipAllowList` (addresses and CIDR ranges, IPv4 and
   * IPv6). The root entry has it already; `@scribehook/core/fetch` only when given, and refuses
   * `allowIps` without it.
   *
   * @example
   * ```ts
   * import { createReceiver, ipAllowList } from "@scribehook/core/fetch";
   * createReceiver({ definitions: [assemblyai], ipAllowList, providers: { assemblyai: { headers, allowIps: "documented" } } });
   * ```
   */
  ipAllowList?: typeof ipAllowList;
}
