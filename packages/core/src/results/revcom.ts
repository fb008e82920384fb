import { revcomResult } from "../transcript/providers/revcom";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * Rev.com's result reader: with `results: [revcomResults]`, events of `revcom` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { revcom } from "@scribehook/core/providers/revcom";
 * import { revcomResults } from "@scribehook/core/results/revcom";
 * const hooks = createReceiver({ definitions: [revcom], results: [revcomResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const revcomResults: ResultReader = resultReader(revcomResult);
