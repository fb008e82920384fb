import { deepgramResult } from "../transcript/providers/deepgram";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * Deepgram's result reader: with `results: [deepgramResults]`, events of `deepgram` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { deepgram } from "@scribehook/core/providers/deepgram";
 * import { deepgramResults } from "@scribehook/core/results/deepgram";
 * const hooks = createReceiver({ definitions: [deepgram], results: [deepgramResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const deepgramResults: ResultReader = resultReader(deepgramResult);
