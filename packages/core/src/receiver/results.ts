import type { CompiledProvider } from "../compile-providers";
import type { TranscriptionEvent } from "../events";
import type { ReceiverOptions } from "../options";
import { BUILTIN_PROVIDER_IDS } from "../providers/ids";
import type { ResultReader } from "../transcript/reader";
import { createUnwiredEvent } from "../transcript/unwired-event";
import type { JobStatusFn } from "../watchdog/overdue";

/** The fields an event is built from (see `createEvent`). */
type EventFields = Parameters<ResultReader["createEvent"]>[1];

/**
 * How a receiver's events get `transcript()` and its watchdog a status poll: from the result readers
 * of its entry (every built-in one at the root, none in `@scribehook/core/fetch`) and of
 * `options.results`, which win. A custom provider's own client (its definition's `result`) runs on
 * any reader's code. Without a reader, events are built unwired: their `transcript()` rejects with
 * a TypeError naming the import to add.
 *
 * @example
 * ```ts
 * const results = resultWiring("@scribehook/core/fetch", [], options);
 * const event = results.event(provider, { type, provider: "assemblyai", jobId, payload, ... });
 * ```
 */
export function resultWiring(entry: string, entryReaders: readonly ResultReader[], options: ReceiverOptions) {
  const readers = new Map<string, ResultReader>();
  for (const reader of [...entryReaders, ...(options.results ?? [])]) readers.set(reader.client.id, reader);
  const anyReader = readers.values().next().value as ResultReader | undefined;

  return {
    /** The event of a delivery or a poll, with `transcript()` when a reader serves its provider. */
    event({ definition, config }: CompiledProvider, fields: EventFields): TranscriptionEvent {
      const reader = readers.get(definition.id);
      const create = reader?.createEvent ?? anyReader?.createEvent;
      if (!create) return createUnwiredEvent<TranscriptionEvent>(fields, missingReader(entry, definition));
      const client = reader?.client ?? definition.result;
      return create<TranscriptionEvent>(
        { apiKey: config.apiKey, apiBaseUrl: config.apiBaseUrl, client },
        fields,
      );
    },
    /** What the watchdog's poll step asks with: `options.jobStatus`, else the reader's status API. */
    statusOf({ definition, config }: CompiledProvider): {
      apiKey?: string;
      apiBaseUrl?: string;
      jobStatus?: JobStatusFn;
    } {
      const reader = readers.get(definition.id);
      const client = reader?.client ?? definition.result;
      const status = reader?.status ?? anyReader?.status;
      return {
        apiKey: config.apiKey,
        apiBaseUrl: config.apiBaseUrl,
        jobStatus: options.jobStatus ?? (status && ((job) => status({ ...job, client, settings: job }))),
      };
    },
  };
}

/** What `transcript()` of an event without a result reader says to add. */
function missingReader(entry: string, definition: CompiledProvider["definition"]): string {
  const id = definition.id;
  return BUILTIN_PROVIDER_IDS.includes(id) && !definition.result
    ? `${entry} reads results only for the providers in results: add import { ${id}Results } from "@scribehook/core/results/${id}" and give results: [${id}Results] in the receiver options`
    : `${entry} reads results only with a result reader: give results: [resultReader(client)] in the receiver options, with resultReader from "${entry}" and your provider's result client`;
}
