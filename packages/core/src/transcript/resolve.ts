import { renderCaptions } from "./captions";
import type { ResultBody, ResultClient, ResultContext } from "./client";
import { TranscriptError } from "./errors";
import { getWithRetry } from "./http";
import type { CaptionFormat, JobStatusResult, RequestSettings, Transcript } from "./types";

/** Where and how to fetch one job's result. */
export interface Job {
  client: ResultClient | undefined;
  provider: string;
  jobId: string;
  apiKey?: string;
  apiBaseUrl?: string;
  payload?: unknown;
  settings?: RequestSettings;
}

/**
 * Checks `apiKey` / `apiBaseUrl` (in a config or in options): a TypeError naming `where`, never the key.
 *
 * @example
 * ```ts
 * checkResultOptions({ apiBaseUrl: "ftp://x" }, "providers.assemblyai"); // throws TypeError
 * ```
 */
export function checkResultOptions(options: { apiKey?: unknown; apiBaseUrl?: unknown }, where: string): void {
  if (options.apiKey !== undefined && (typeof options.apiKey !== "string" || options.apiKey.trim() === "")) {
    throw new TypeError(`${where}.apiKey: must be a non-empty string (the provider's API key)`);
  }
  if (options.apiBaseUrl !== undefined) {
    let ok = false;
    try {
      const u = new URL(String(options.apiBaseUrl));
      ok =
        typeof options.apiBaseUrl === "string" &&
        (u.protocol === "https:" || u.protocol === "http:") &&
        !u.search &&
        !u.hash;
    } catch {}
    if (!ok) {
      throw new TypeError(
        `${where}.apiBaseUrl: must be an absolute http(s) URL without query or fragment, e.g. "https://api.eu.assemblyai.com"`,
      );
    }
  }
}

function nameOf(job: Job): string {
  return job.client?.name ?? job.provider;
}

function unsupported(job: Job, what: string): TranscriptError {
  return new TranscriptError(
    "unsupported",
    job.client?.unsupported ?? `${nameOf(job)}: scribehook cannot fetch ${what} for this provider`,
    { provider: job.provider, jobId: job.jobId },
  );
}

function contextOf(job: Job): ResultContext {
  const client = job.client!;
  const fromPayload = job.payload === undefined ? undefined : client.baseUrlFrom?.(job.payload);
  const base = (job.apiBaseUrl ?? fromPayload ?? client.defaultBaseUrl)?.replace(/\/+$/, "");
  const owner = {
    provider: job.provider,
    name: client.name,
    jobId: job.jobId,
    secrets: job.apiKey ? [job.apiKey, encodeURIComponent(job.apiKey)] : [],
  };
  const fail = (code: TranscriptError["code"], message: string, cause?: unknown) =>
    new TranscriptError(code, message, { provider: job.provider, jobId: job.jobId, cause });
  if (!base) {
    throw new TypeError(
      `${client.name} has no shared API host: set apiBaseUrl for ${job.provider} (see ${client.docs})`,
    );
  }
  const get = (url: string, headers: Record<string, string> = {}) =>
    getWithRetry(url, headers, owner, job.settings);
  return {
    provider: job.provider,
    name: client.name,
    jobId: job.jobId,
    baseUrl: base,
    payload: job.payload,
    key() {
      if (!job.apiKey) {
        throw fail(
          "no_api_key",
          `${client.name} needs an API key to fetch job ${job.jobId}: set apiKey for ${job.provider}`,
        );
      }
      return job.apiKey;
    },
    get,
    async json(url, headers) {
      const res = await get(url, headers);
      try {
        return JSON.parse(res.body);
      } catch {
        throw fail("provider_error", `${client.name} answered job ${job.jobId} with a body that is not JSON`);
      }
    },
    fail,
  };
}

const inlineResults = new WeakMap<object, ResultBody | null>();

/** The result in the callback body, mapped once per payload object; `undefined` when it has none. */
function inlineOf(job: Job): ResultBody | undefined {
  const { client, payload } = job;
  if (!client?.inline || typeof payload !== "object" || payload === null) return undefined;
  let body = inlineResults.get(payload);
  if (body === undefined) {
    body = client.inline(payload) ?? null;
    inlineResults.set(payload, body);
  }
  return body ?? undefined;
}

/** The transcript: inline from the callback when it has one, else from the provider's API. */
export async function resolveTranscript(job: Job): Promise<Transcript> {
  const client = job.client;
  const body: ResultBody | undefined =
    inlineOf(job) ?? (client?.fetch ? await client.fetch(contextOf(job)) : undefined);
  if (!body) throw unsupported(job, "a transcript");
  return { provider: job.provider, jobId: job.jobId, ...body };
}

/** The provider's own captions (inline or from its API) when it has them, else rendered from `segments`. */
export async function resolveCaptions(
  job: Job,
  format: CaptionFormat,
  transcript: () => Promise<Transcript>,
): Promise<string> {
  if (format !== "srt" && format !== "vtt") {
    throw new TypeError(`captions: format must be "srt" or "vtt", got ${JSON.stringify(format)}`);
  }
  const client = job.client;
  const payload = job.payload;
  const served = payload === undefined ? undefined : client?.inlineCaptions?.(payload, format);
  if (served !== undefined) return served;
  // A result in the callback is rendered from, with no request.
  if (!inlineOf(job)) {
    const fromApi = client?.captions ? await client.captions(contextOf(job), format) : undefined;
    if (fromApi !== undefined) return fromApi;
  }
  return renderCaptions((await transcript()).segments, format);
}

/** The job's status from the provider's status API. */
export async function resolveStatus(job: Job): Promise<JobStatusResult> {
  if (!job.client?.status) throw unsupported(job, "a job status");
  return job.client.status(contextOf(job));
}
