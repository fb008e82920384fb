import { sonioxResult } from "../transcript/providers/soniox";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * Soniox's result reader: with `results: [sonioxResults]`, events of `soniox` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { soniox } from "@scribehook/core/providers/soniox";
 * import { sonioxResults } from "@scribehook/core/results/soniox";
 * const hooks = createReceiver({ definitions: [soniox], results: [sonioxResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const sonioxResults: ResultReader = resultReader(sonioxResult);
