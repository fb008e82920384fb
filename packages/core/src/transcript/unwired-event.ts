/** The data fields of an event (see `TranscriptionEvent`). */
interface EventFields {
  provider: string;
  [key: string]: unknown;
}

/**
 * An event of a receiver that was given no result reader for its provider (`@scribehook/core/fetch`
 * bundles none by itself): plain data like every event, whose `transcript()` and `captions()` reject
 * with a TypeError naming the import to add.
 */
class UnwiredEventRecord {
  readonly #hint: string;

  constructor(fields: EventFields, hint: string) {
    Object.assign(this, fields);
    this.#hint = hint;
  }

  transcript(): Promise<never> {
    return Promise.reject(new TypeError(`event.transcript(): ${this.#hint}`));
  }

  captions(): Promise<never> {
    return Promise.reject(new TypeError(`event.captions(): ${this.#hint}`));
  }
}

/**
 * Builds an event without a result client: `hint` says what to import to get one.
 *
 * @example
 * ```ts
 * const event = createUnwiredEvent<TranscriptionEvent>(fields, 'add results: [assemblyaiResults]');
 * await event.transcript(); // rejects: TypeError "event.transcript(): add results: [assemblyaiResults]"
 * ```
 */
export function createUnwiredEvent<E>(fields: EventFields, hint: string): E {
  return new UnwiredEventRecord(fields, hint) as unknown as E;
}
