import { scriptixResult } from "../transcript/providers/scriptix";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * Scriptix's result reader: with `results: [scriptixResults]`, events of `scriptix` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { scriptix } from "@scribehook/core/providers/scriptix";
 * import { scriptixResults } from "@scribehook/core/results/scriptix";
 * const hooks = createReceiver({ definitions: [scriptix], results: [scriptixResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const scriptixResults: ResultReader = resultReader(scriptixResult);
