import { speechmaticsResult } from "../transcript/providers/speechmatics";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * Speechmatics's result reader: with `results: [speechmaticsResults]`, events of `speechmatics` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { speechmatics } from "@scribehook/core/providers/speechmatics";
 * import { speechmaticsResults } from "@scribehook/core/results/speechmatics";
 * const hooks = createReceiver({ definitions: [speechmatics], results: [speechmaticsResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const speechmaticsResults: ResultReader = resultReader(speechmaticsResult);
