import type { TranscriptError, TranscriptErrorCode } from "./errors";
import type { FetchedResponse } from "./http";
import type { CaptionFormat, JobStatusResult, Transcript } from "./types";

/**
 * A transcript before `provider` and `jobId` are added: what a result client returns.
 *
 * @example
 * ```ts
 * const body: ResultBody = { text: "Hi.", segments: [{ text: "Hi.", startSecond: 0, endSecond: 0.4 }], raw: {} };
 * ```
 */
export type ResultBody = Omit<Transcript, "provider" | "jobId">;

/**
 * What a result client's functions get: the job, where to ask, and a retrying GET.
 *
 * @example
 * ```ts
 * const fetchResult = async (ctx: ResultContext) =>
 *   ctx.json(`${ctx.baseUrl}/v1/jobs/${encodeURIComponent(ctx.jobId)}`, { authorization: `Bearer ${ctx.key()}` });
 * ```
 */
export interface ResultContext {
  readonly provider: string;
  readonly name: string;
  readonly jobId: string;
  /** Base URL without a trailing slash. */
  readonly baseUrl: string;
  /** The callback body, when called for an event. */
  readonly payload?: unknown;
  /** The API key; rejects with `no_api_key` when none is configured. */
  key(): string;
  /** GET with retries; a non-2xx answer rejects with a `TranscriptError`. */
  get(url: string, headers?: Record<string, string>): Promise<FetchedResponse>;
  /** GET and parse JSON; a body that is not JSON rejects with `provider_error`. */
  json(url: string, headers?: Record<string, string>): Promise<any>;
  /** A `TranscriptError` for this job. */
  fail(code: TranscriptErrorCode, message: string, cause?: unknown): TranscriptError;
}

/**
 * How scribehook reads one provider's result: from the callback body (inline), from its documented
 * API, or not at all (`unsupported`). One per provider, in `transcript/providers/<id>.ts`.
 *
 * @example
 * ```ts
 * const client: ResultClient = { id: "x", name: "X", docs: "https://x.example/docs", unsupported: "X has no result API" };
 * ```
 */
export interface ResultClient<P = any> {
  id: string;
  name: string;
  /** The public documentation the client follows. */
  docs: string;
  /** The documented API host; absent when each account has its own (then `apiBaseUrl` is required). */
  defaultBaseUrl?: string;
  /** A base URL read from the callback (Azure's `self`), used when `apiBaseUrl` is not configured. */
  baseUrlFrom?(payload: P): string | undefined;
  /** The transcript from the callback body, with no request; `undefined` when the body has none. */
  inline?(payload: P): ResultBody | undefined;
  /** Provider-made captions inside the callback body, passed through untouched. */
  inlineCaptions?(payload: P, format: CaptionFormat): string | undefined;
  /** Fetches the transcript from the provider's API. */
  fetch?(ctx: ResultContext): Promise<ResultBody>;
  /** The provider's own captions; `undefined` → rendered from the segments. */
  captions?(ctx: ResultContext, format: CaptionFormat): Promise<string | undefined>;
  /** The job's status from the provider's status API. */
  status?(ctx: ResultContext): Promise<JobStatusResult>;
  /** Why results cannot be fetched from this provider (no retrieval API). */
  unsupported?: string;
}

/**
 * Declares a result client (an identity function that checks the type).
 *
 * @example
 * ```ts
 * const mine = defineResultClient({ id: "inhouse", name: "In-house", docs: "https://asr.example/docs",
 *   inline: (p: { text: string }) => ({ text: p.text, segments: [], raw: p }) });
 * ```
 */
export const defineResultClient = <P>(client: ResultClient<P>): ResultClient<P> => client;
