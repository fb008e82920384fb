import { threeplayResult } from "../transcript/providers/threeplay";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * 3Play Media's result reader: with `results: [threeplayResults]`, events of `threeplay` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { threeplay } from "@scribehook/core/providers/threeplay";
 * import { threeplayResults } from "@scribehook/core/results/threeplay";
 * const hooks = createReceiver({ definitions: [threeplay], results: [threeplayResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const threeplayResults: ResultReader = resultReader(threeplayResult);
