import { gladiaResult } from "../transcript/providers/gladia";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * Gladia's result reader: with `results: [gladiaResults]`, events of `gladia` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { gladia } from "@scribehook/core/providers/gladia";
 * import { gladiaResults } from "@scribehook/core/results/gladia";
 * const hooks = createReceiver({ definitions: [gladia], results: [gladiaResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const gladiaResults: ResultReader = resultReader(gladiaResult);
