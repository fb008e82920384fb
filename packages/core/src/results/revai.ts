import { revaiResult } from "../transcript/providers/revai";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * Rev AI's result reader: with `results: [revaiResults]`, events of `revai` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { revai } from "@scribehook/core/providers/revai";
 * import { revaiResults } from "@scribehook/core/results/revai";
 * const hooks = createReceiver({ definitions: [revai], results: [revaiResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const revaiResults: ResultReader = resultReader(revaiResult);
