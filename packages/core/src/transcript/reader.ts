import type { ResultClient } from "./client";
import { createEvent } from "./event";
import { resolveStatus } from "./resolve";

/**
 * A provider's result client together with the code that runs it: what the receiver option
 * `results` takes. Passing one gives events `transcript()` / `captions()` and the watchdog its status
 * poll; `@scribehook/core/fetch` bundles that code only when a reader is given. Built-in readers come
 * from `@scribehook/core/results/<id>`; make one for your own client with `resultReader()`.
 *
 * @example
 * ```ts
 * import { assemblyaiResults } from "@scribehook/core/results/assemblyai";
 * createReceiver({ definitions: [assemblyai], results: [assemblyaiResults], providers });
 * ```
 */
export interface ResultReader {
  /** The provider's result client; `client.id` is the provider id it serves. */
  readonly client: ResultClient;
  /** Builds an event whose `transcript()` / `captions()` use `config`. */
  readonly createEvent: typeof createEvent;
  /** Asks the client's status API (the watchdog's poll step). */
  readonly status: typeof resolveStatus;
}

/**
 * A result reader for a result client, such as one made with `defineResultClient()` for a custom
 * provider (its `id` must be the provider's id).
 *
 * @example
 * ```ts
 * import { createReceiver, resultReader } from "@scribehook/core/fetch";
 * createReceiver({ customProviders: [inhouse], results: [resultReader(inhouseResult)], providers });
 * ```
 */
export function resultReader(client: ResultClient): ResultReader {
  return { client, createEvent, status: resolveStatus };
}
