/**
 * One segment of a transcript: an utterance, monologue, paragraph or phrase, times in seconds.
 *
 * @example
 * ```ts
 * const s: TranscriptSegment = { text: "Hello there.", startSecond: 0.24, endSecond: 1.1, speaker: "A" };
 * ```
 */
export interface TranscriptSegment {
  text: string;
  startSecond: number;
  endSecond: number;
  /** The speaker label as the provider gives it (`"A"`, `"S1"`, numbers as `String(n)`). */
  speaker?: string;
}

/**
 * One spoken word, punctuation attached, times in seconds.
 *
 * @example
 * ```ts
 * const w: TranscriptWord = { text: "there.", startSecond: 0.68, endSecond: 1.1, confidence: 0.97, speaker: "A" };
 * ```
 */
export interface TranscriptWord {
  text: string;
  startSecond: number;
  endSecond: number;
  confidence?: number;
  speaker?: string;
}

/**
 * A finished transcript in one shape across providers (close to the Vercel AI SDK's `transcribe()`
 * result). All times are in seconds.
 *
 * @example
 * ```ts
 * const t: Transcript = await event.transcript();
 * for (const s of t.segments) console.log(`[${s.startSecond}s] ${s.speaker ?? "?"}: ${s.text}`);
 * ```
 */
export interface Transcript {
  provider: string;
  jobId: string;
  text: string;
  segments: TranscriptSegment[];
  words?: TranscriptWord[];
  /** As the provider reports it (`"en"`, `"en_us"`, `"en-US"`). */
  language?: string;
  durationInSeconds?: number;
  /** The provider's own result, untouched: the API's response, or the callback body for inline results. */
  raw: unknown;
}

/**
 * Caption formats `captions()` can return.
 *
 * @example
 * ```ts
 * const format: CaptionFormat = "vtt";
 * ```
 */
export type CaptionFormat = "srt" | "vtt";

/**
 * A job's status as a provider's status API reports it, normalised.
 *
 * @example
 * ```ts
 * const s: JobStatusResult = { status: "processing", providerStatus: "queued" };
 * ```
 */
export interface JobStatusResult {
  status: "completed" | "failed" | "processing" | "other";
  /** The status exactly as the provider reported it. */
  providerStatus: string;
  error?: { code?: string; message?: string };
  /** The provider's status response, untouched. */
  raw?: unknown;
}

/**
 * Retry and timeout settings of result requests.
 *
 * @example
 * ```ts
 * await event.transcript({ attempts: 5, timeoutMs: 10_000, signal: AbortSignal.timeout(60_000) });
 * ```
 */
export interface RequestSettings {
  /** Attempts in total for a request answered 429 or 5xx (or not answered). Default 3. */
  attempts?: number;
  /** Timeout of each request, in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** First backoff delay in milliseconds, doubled on every retry (a `Retry-After` wins). Default 500. */
  retryDelayMs?: number;
  /** The longest wait between attempts; a longer `Retry-After` ends the retries. Default 30 000. */
  maxRetryDelayMs?: number;
  /** The caller's signal: aborting it stops the request and the retries. */
  signal?: AbortSignal;
}

/**
 * Options of `fetchTranscript()`, `fetchJobStatus()` and `fetchCaptions()`.
 *
 * @example
 * ```ts
 * const options: FetchTranscriptOptions = { provider: "revai", jobId: "Umx5c6F7pH7r", apiKey: process.env.REVAI_KEY! };
 * ```
 */
export interface FetchTranscriptOptions extends RequestSettings {
  provider: string;
  jobId: string;
  /** The provider's API key (Rev.com: `"<client key>:<user key>"`). */
  apiKey?: string;
  /** Scheme + host (+ optional path prefix) the documented paths are appended to; default the provider's host. */
  apiBaseUrl?: string;
}
