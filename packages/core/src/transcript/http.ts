import { redact, TranscriptError, type TranscriptErrorCode } from "./errors";
import type { RequestSettings } from "./types";

/** What a result request needs to say who failed, and which secrets to keep out of every error. */
export interface RequestOwner {
  provider: string;
  /** Display name, for messages. */
  name: string;
  jobId: string;
  /** Kept out of every message and cause (the API key, and anything derived from it). */
  secrets: readonly string[];
}

/** A response read in full. */
export interface FetchedResponse {
  status: number;
  contentType: string;
  body: string;
}

const DEFAULTS = { attempts: 3, timeoutMs: 30_000, retryDelayMs: 500, maxRetryDelayMs: 30_000 };

/**
 * GETs `url` with the global `fetch`: each attempt under its own timeout and the caller's signal;
 * 429, 5xx, network errors and timeouts are retried with exponential backoff (a `Retry-After` wins),
 * up to `attempts` in total. Resolves with a 2xx response read as text; rejects with a
 * `TranscriptError` whose message and cause never contain `owner.secrets`. An abort by the caller
 * rejects with the signal's reason.
 *
 * @example
 * ```ts
 * const res = await getWithRetry("https://api.example.com/v1/jobs/1", { authorization: `Bearer ${key}` },
 *   { provider: "x", name: "X", jobId: "1", secrets: [key] }, { attempts: 3 });
 * ```
 */
export async function getWithRetry(
  url: string,
  headers: Record<string, string>,
  owner: RequestOwner,
  settings: RequestSettings = {},
): Promise<FetchedResponse> {
  const attempts = Math.max(1, Math.floor(settings.attempts ?? DEFAULTS.attempts));
  const timeoutMs = settings.timeoutMs ?? DEFAULTS.timeoutMs;
  const baseDelay = settings.retryDelayMs ?? DEFAULTS.retryDelayMs;
  const maxDelay = settings.maxRetryDelayMs ?? DEFAULTS.maxRetryDelayMs;
  const caller = settings.signal;
  let last: TranscriptError | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    caller?.throwIfAborted();
    let retryAfterMs: number | undefined;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
    try {
      const res = await fetchFollowing(url, headers, signal);
      const body = await res.text();
      const contentType = (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (res.status >= 200 && res.status < 300) return { status: res.status, contentType, body };
      last = httpError(res.status, body, owner);
      if (res.status !== 429 && res.status < 500) throw last;
      retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
    } catch (err) {
      if (err instanceof TranscriptError) throw err;
      if (caller?.aborted) throw caller.reason;
      last = timeout.aborted
        ? new TranscriptError(
            "timeout",
            `${owner.name} did not answer within ${timeoutMs} ms (job ${owner.jobId})`,
            { provider: owner.provider, jobId: owner.jobId, cause: safeCause(err, owner.secrets) },
          )
        : new TranscriptError("provider_error", `${owner.name} could not be reached (job ${owner.jobId})`, {
            provider: owner.provider,
            jobId: owner.jobId,
            cause: safeCause(err, owner.secrets),
          });
    }
    if (attempt === attempts) break;
    const delay = retryAfterMs ?? baseDelay * 2 ** (attempt - 1);
    if (delay > maxDelay) break;
    await sleep(delay, caller);
  }
  throw last!;
}

/**
 * Follows up to 5 redirects itself, so that the provider's auth headers go only to the origin they
 * were meant for: a redirect to another origin (a signed storage URL) is followed without them.
 */
async function fetchFollowing(url: string, headers: Record<string, string>, signal: AbortSignal) {
  let current = url;
  let sent = headers;
  for (let hop = 0; ; hop++) {
    const res = await fetch(current, { method: "GET", headers: sent, signal, redirect: "manual" });
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location || hop === 5) return res;
    await res.body?.cancel();
    const next = new URL(location, current);
    if (next.origin !== new URL(current).origin) sent = {};
    current = next.href;
  }
}

const CODE_OF: Record<number, TranscriptErrorCode> = {
  401: "unauthorized",
  403: "unauthorized",
  404: "not_found",
  410: "not_found",
  429: "rate_limited",
};

const HINT: Partial<Record<TranscriptErrorCode, string>> = {
  unauthorized: "check its apiKey",
  not_found: "no such job, or its result is gone",
  rate_limited: "rate limited; try again later",
};

function httpError(status: number, body: string, owner: RequestOwner): TranscriptError {
  const code = CODE_OF[status] ?? "provider_error";
  const said = redact(providerMessage(body), owner.secrets);
  return new TranscriptError(
    code,
    `${owner.name} answered ${status} for job ${owner.jobId}${HINT[code] ? `: ${HINT[code]}` : ""}`,
    { provider: owner.provider, jobId: owner.jobId, status, cause: new Error(said || `HTTP ${status}`) },
  );
}

/** The provider's own words from an error body: a JSON `error` / `message` / `detail` … field, or the text. */
export function providerMessage(body: string): string {
  try {
    const value = JSON.parse(body) as Record<string, unknown>;
    for (const key of ["error", "message", "detail", "title", "err_msg", "error_message", "errors"]) {
      const v = value?.[key];
      if (typeof v === "string" && v) return v.slice(0, 500);
      if (v && typeof v === "object") {
        const inner = (v as Record<string, unknown>).message;
        return typeof inner === "string" ? inner.slice(0, 500) : JSON.stringify(v).slice(0, 500);
      }
    }
  } catch {}
  return body.trim().slice(0, 500);
}

/** An Error carrying only the name, redacted message and code of `err` (a fetch error may quote the URL). */
function safeCause(err: unknown, secrets: readonly string[]): Error {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const detail = e?.cause?.code ?? e?.cause?.message;
  const out = new Error(redact(`${e?.message ?? String(err)}${detail ? ` (${detail})` : ""}`, secrets));
  out.name = typeof e?.name === "string" ? e.name : "Error";
  return out;
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
