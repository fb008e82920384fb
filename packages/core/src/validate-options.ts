import { refuseAccidents } from "./config-values";
import type { ReceiverOptions } from "./options";

/**
 * Checks the receiver-wide options that `compileProviders()` does not: the options object itself,
 * `path`, `trustProxy`, `store` and `urlTokenSecret` (every secret a non-empty string). Throws a TypeError that says how to fix the
 * mistake and never contains a secret.
 *
 * @example
 * ```ts
 * validateReceiverOptions({ providers: {}, trustProxy: -1 }); // throws: trustProxy: use true, false …
 * ```
 */
export function validateReceiverOptions(options: ReceiverOptions): void {
  if (!options || typeof options !== "object") {
    throw new TypeError(
      "createReceiver: pass an options object, e.g. { providers: { assemblyai: { headers } } }",
    );
  }
  const {
    path,
    trustProxy,
    store,
    urlTokenSecret,
    queue,
    jobStatus,
    results,
    watchdog,
    signCallbackUrl,
    ipAllowList,
    enqueueOnce,
  } = options;
  if (path !== undefined && (typeof path !== "string" || /[?#\s]/.test(path.trim()))) {
    throw new TypeError('path: give a URL path such as "/webhooks", without query, fragment or spaces');
  }
  if (
    trustProxy !== undefined &&
    typeof trustProxy !== "boolean" &&
    !(typeof trustProxy === "number" && Number.isInteger(trustProxy) && trustProxy >= 0)
  ) {
    throw new TypeError(
      "trustProxy: use true (left-most X-Forwarded-For entry), false, or the number of proxies in front of you",
    );
  }
  if (
    store !== undefined &&
    (!store ||
      typeof store.claim !== "function" ||
      typeof store.complete !== "function" ||
      typeof store.release !== "function")
  ) {
    throw new TypeError(
      "store: give a DedupeStore with claim(), complete() and release(), such as memoryStore() or redisStore(client)",
    );
  }
  if (
    queue !== undefined &&
    (!queue || typeof queue.enqueue !== "function" || typeof queue.close !== "function")
  ) {
    throw new TypeError(
      "queue: give a TranscriptionQueue with enqueue(event) and close(), such as bullmqQueue() from @scribehook/bullmq",
    );
  }
  if (jobStatus !== undefined && typeof jobStatus !== "function") {
    throw new TypeError(
      "jobStatus: give a function ({ provider, jobId, apiKey }) => Promise<{ status, providerStatus }>",
    );
  }
  if (
    results !== undefined &&
    (!Array.isArray(results) ||
      results.some((r) => typeof r?.client?.id !== "string" || typeof r.createEvent !== "function"))
  ) {
    throw new TypeError(
      "results: give a list of result readers such as [assemblyaiResults] (from @scribehook/core/results/<id>)",
    );
  }
  if (watchdog !== undefined && typeof watchdog !== "function") {
    throw new TypeError("watchdog: give memoryWatchdog (from @scribehook/core/fetch or @scribehook/core)");
  }
  if (signCallbackUrl !== undefined && typeof signCallbackUrl !== "function") {
    throw new TypeError(
      "signCallbackUrl: give signCallbackUrl (from @scribehook/core/fetch or @scribehook/core)",
    );
  }
  if (ipAllowList !== undefined && typeof ipAllowList !== "function") {
    throw new TypeError("ipAllowList: give ipAllowList (from @scribehook/core/fetch or @scribehook/core)");
  }
  if (enqueueOnce !== undefined && typeof enqueueOnce !== "function") {
    throw new TypeError(
      "enqueueOnce: give createEnqueueOnce (from @scribehook/core/fetch or @scribehook/core)",
    );
  }
  if (urlTokenSecret !== undefined) {
    const secrets: unknown[] = Array.isArray(urlTokenSecret) ? urlTokenSecret : [urlTokenSecret];
    if (secrets.length === 0) {
      throw new TypeError("urlTokenSecret: give at least one secret, or leave the option out");
    }
    if (secrets.some((s) => typeof s !== "string" || s.length === 0)) {
      throw new TypeError("urlTokenSecret: every secret must be a non-empty string");
    }
    refuseAccidents(secrets as string[], "urlTokenSecret");
  }
}
