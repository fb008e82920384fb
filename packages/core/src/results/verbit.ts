import { verbitResult } from "../transcript/providers/verbit";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * Verbit's result reader: with `results: [verbitResults]`, events of `verbit` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { verbit } from "@scribehook/core/providers/verbit";
 * import { verbitResults } from "@scribehook/core/results/verbit";
 * const hooks = createReceiver({ definitions: [verbit], results: [verbitResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const verbitResults: ResultReader = resultReader(verbitResult);
