import type { ResultClient } from "./client";
import { type Job, resolveCaptions, resolveTranscript } from "./resolve";
import type { CaptionFormat, RequestSettings, Transcript } from "./types";

/**
 * What an event needs to fetch its result: the provider's `apiKey` / `apiBaseUrl` configuration.
 *
 * @example
 * ```ts
 * const config: ResultConfig = { apiKey: process.env.AAI_KEY, apiBaseUrl: "https://api.eu.assemblyai.com" };
 * ```
 */
export interface ResultConfig {
  apiKey?: string;
  apiBaseUrl?: string;
  /** The provider's result client (its definition's `result`); without one, `transcript()` rejects `unsupported`. */
  client?: ResultClient;
}

/** The data fields of an event (see `TranscriptionEvent`). */
interface EventFields {
  provider: string;
  jobId: string;
  payload: unknown;
  [key: string]: unknown;
}

/**
 * An event is plain data (`structuredClone`, `JSON.stringify` and `Object.freeze` work on it):
 * `transcript()` and `captions()` live on this prototype, and the configuration and cached transcript
 * in private fields, which are neither enumerable nor cloned.
 */
class TranscriptionEventRecord {
  readonly #config: ResultConfig;
  #transcript?: Promise<Transcript>;

  constructor(fields: EventFields, config: ResultConfig) {
    Object.assign(this, fields);
    this.#config = { apiKey: config.apiKey, apiBaseUrl: config.apiBaseUrl, client: config.client };
  }

  #job(settings?: RequestSettings): Job {
    const self = this as unknown as EventFields;
    return {
      client: this.#config.client,
      provider: self.provider,
      jobId: self.jobId,
      apiKey: this.#config.apiKey,
      apiBaseUrl: this.#config.apiBaseUrl,
      payload: self.payload,
      settings,
    };
  }

  /** The transcript, fetched once and cached (a failure is not cached). See `Transcript`. */
  transcript(settings?: RequestSettings): Promise<Transcript> {
    if (!this.#transcript) {
      const pending = resolveTranscript(this.#job(settings));
      this.#transcript = pending;
      pending.catch(() => {
        if (this.#transcript === pending) this.#transcript = undefined;
      });
    }
    return this.#transcript;
  }

  /** Captions: the provider's own where it serves them, else rendered from the transcript's segments. */
  captions(format: CaptionFormat, settings?: RequestSettings): Promise<string> {
    return resolveCaptions(this.#job(settings), format, () => this.transcript(settings));
  }
}

/**
 * Builds an event: `fields` become its own enumerable data; `transcript()` and `captions()` come from
 * its prototype and use `config` (the provider's `apiKey` / `apiBaseUrl`; `{}` for none). Workers that rebuild events
 * from a queue use it too.
 *
 * @example
 * ```ts
 * const event = createEvent<TranscriptionEvent>({ apiKey }, { type: "transcription.completed", provider: "assemblyai",
 *   jobId, status: "completed", providerStatus: "completed", idempotencyKey, receivedAt: new Date(), metadata: {}, payload });
 * const t = await event.transcript();
 * ```
 */
export function createEvent<E>(config: ResultConfig, fields: EventFields): E {
  return new TranscriptionEventRecord(fields, config) as unknown as E;
}
