import { elevenlabsResult } from "../transcript/providers/elevenlabs";
import { type ResultReader, resultReader } from "../transcript/reader";

/**
 * ElevenLabs's result reader: with `results: [elevenlabsResults]`, events of `elevenlabs` get `transcript()` and
 * `captions()`, and the watchdog can poll its status. Needed with `@scribehook/core/fetch`, which
 * bundles no reader by itself; the root entry has every one already.
 *
 * @example
 * ```ts
 * import { createReceiver } from "@scribehook/core/fetch";
 * import { elevenlabs } from "@scribehook/core/providers/elevenlabs";
 * import { elevenlabsResults } from "@scribehook/core/results/elevenlabs";
 * const hooks = createReceiver({ definitions: [elevenlabs], results: [elevenlabsResults], providers });
 * hooks.onComplete(async (event) => console.log((await event.transcript()).text));
 * ```
 */
export const elevenlabsResults: ResultReader = resultReader(elevenlabsResult);
