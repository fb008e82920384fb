import { resultClients } from "./registry";
import { checkResultOptions, type Job, resolveCaptions, resolveStatus, resolveTranscript } from "./resolve";
import type { CaptionFormat, FetchTranscriptOptions, JobStatusResult, Transcript } from "./types";

function jobOf(options: FetchTranscriptOptions, what: string): Job {
  if (!options || typeof options !== "object")
    throw new TypeError(`${what}: pass { provider, jobId, apiKey }`);
  const { provider, jobId } = options;
  if (typeof provider !== "string" || !Object.hasOwn(resultClients, provider)) {
    throw new TypeError(
      `${what}: unknown provider ${JSON.stringify(provider)}. Known: ${Object.keys(resultClients).join(", ")}`,
    );
  }
  if (typeof jobId !== "string" || jobId === "")
    throw new TypeError(`${what}: jobId must be a non-empty string`);
  checkResultOptions(options, what);
  return {
    client: resultClients[provider],
    provider,
    jobId,
    apiKey: options.apiKey,
    apiBaseUrl: options.apiBaseUrl,
    settings: options,
  };
}

/**
 * Fetches a finished job's transcript from the provider's API, in the one `Transcript` shape — for
 * polling, backfills, or a callback that never came. Retries 429 and 5xx (3 attempts by default,
 * honouring `Retry-After`), each request under `timeoutMs` (30 s) and your `signal`. Rejects with a
 * `TranscriptError` (`unsupported` for Deepgram, Verbit and Standard Webhooks senders, which have no
 * public retrieval API), or a TypeError for a mistake in the options.
 *
 * @example
 * ```ts
 * import { fetchTranscript } from "@scribehook/core";
 * const t = await fetchTranscript({ provider: "revai", jobId: "Umx5c6F7pH7r", apiKey: process.env.REVAI_TOKEN });
 * console.log(t.text, t.segments.length, t.durationInSeconds);
 * ```
 */
export async function fetchTranscript(options: FetchTranscriptOptions): Promise<Transcript> {
  return resolveTranscript(jobOf(options, "fetchTranscript"));
}

/**
 * Fetches a job's captions: the provider's own where its API serves them, else rendered from the
 * transcript's segments (one cue per segment). Same options and errors as `fetchTranscript()`.
 *
 * @example
 * ```ts
 * const srt = await fetchCaptions({ provider: "assemblyai", jobId, apiKey, format: "srt" });
 * ```
 */
export async function fetchCaptions(
  options: FetchTranscriptOptions & { format: CaptionFormat },
): Promise<string> {
  const job = jobOf(options, "fetchCaptions");
  return resolveCaptions(job, options.format, () => resolveTranscript(job));
}

/**
 * Asks a provider's status API where a job stands: `completed`, `failed`, `processing` or `other`,
 * with the provider's own status and error. Rejects with `unsupported` for providers without a status
 * API (Deepgram, ElevenLabs, Verbit, Standard Webhooks).
 *
 * @example
 * ```ts
 * const { status } = await fetchJobStatus({ provider: "assemblyai", jobId, apiKey });
 * if (status === "completed") await fetchTranscript({ provider: "assemblyai", jobId, apiKey });
 * ```
 */
export async function fetchJobStatus(options: FetchTranscriptOptions): Promise<JobStatusResult> {
  return resolveStatus(jobOf(options, "fetchJobStatus"));
}
