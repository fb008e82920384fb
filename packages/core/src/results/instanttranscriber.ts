import { instanttranscriberResult } from "../transcript/providers/instanttranscriber";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * InstantTranscriber's result reader: with `results: [instanttranscriberResults]`, events of `instanttranscriber` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { instanttranscriber } from "@scribehook/core/providers/instanttranscriber";
 * import { instanttranscriberResults } from "@scribehook/core/results/instanttranscriber";
 * const hooks = createReceiver({ definitions: [instanttranscriber], results: [instanttranscriberResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const instanttranscriberResults: ResultReader = resultReader(instanttranscriberResult);
