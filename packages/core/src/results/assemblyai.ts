import { assemblyaiResult } from "../transcript/providers/assemblyai";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * AssemblyAI's result reader: with `results: [assemblyaiResults]`, events of `assemblyai` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { assemblyai } from "@scribehook/core/providers/assemblyai";
 * import { assemblyaiResults } from "@scribehook/core/results/assemblyai";
 * const hooks = createReceiver({ definitions: [assemblyai], results: [assemblyaiResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const assemblyaiResults: ResultReader = resultReader(assemblyaiResult);
