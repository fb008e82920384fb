import { azureResult } from "../transcript/providers/azure";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * Azure AI Speech's result reader: with `results: [azureResults]`, events of `azure` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { azure } from "@scribehook/core/providers/azure";
 * import { azureResults } from "@scribehook/core/results/azure";
 * const hooks = createReceiver({ definitions: [azure], results: [azureResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const azureResults: ResultReader = resultReader(azureResult);
