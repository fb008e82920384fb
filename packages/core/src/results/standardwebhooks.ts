import { standardwebhooksResult } from "../transcript/providers/standardwebhooks";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * Standard Webhooks's result reader: with `results: [standardwebhooksResults]`, events of `standardwebhooks` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { standardwebhooks } from "@scribehook/core/providers/standardwebhooks";
 * import { standardwebhooksResults } from "@scribehook/core/results/standardwebhooks";
 * const hooks = createReceiver({ definitions: [standardwebhooks], results: [standardwebhooksResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const standardwebhooksResults: ResultReader = resultReader(standardwebhooksResult);
