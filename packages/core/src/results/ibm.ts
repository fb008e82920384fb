import { ibmResult } from "../transcript/providers/ibm";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * IBM Watson Speech to Text's result reader: with `results: [ibmResults]`, events of `ibm` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { ibm } from "@scribehook/core/providers/ibm";
 * import { ibmResults } from "@scribehook/core/results/ibm";
 * const hooks = createReceiver({ definitions: [ibm], results: [ibmResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const ibmResults: ResultReader = resultReader(ibmResult);
