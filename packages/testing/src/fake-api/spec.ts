import type { IncomingHttpHeaders } from "node:http";

/**
 * A request as a fake provider API sees it (recorded in `api.requests`).
 *
 * @example
 * ```ts
 * expect(api.requests.map((r: FakeApiRequest) => r.path)).toEqual(["/v2/transcript/t-1"]);
 * ```
 */
export interface FakeApiRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: IncomingHttpHeaders;
  /** Milliseconds since the epoch when it arrived. */
  at: number;
}

/**
 * A fake's answer: a JSON value (serialised) or a string.
 *
 * @example
 * ```ts
 * const reply: FakeApiReply = { status: 401, body: { error: "Authentication error" } };
 * ```
 */
export interface FakeApiReply {
  status: number;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One route: method, path pattern (group 1 is the job id), and what it answers. */
export type FakeRoute = [
  method: string,
  path: RegExp,
  reply: (jobId: string, req: FakeApiRequest, baseUrl: string) => FakeApiReply,
];

/**
 * How one provider's result API behaves, from its public documentation: how it checks the key, what
 * it answers to a wrong key and to an unknown job (ids starting with `unknown`), and its routes.
 */
export interface FakeApiSpec {
  /** True when the request carries `key` the way the provider expects it. */
  authorized(req: FakeApiRequest, key: string): boolean;
  unauthorized: FakeApiReply;
  notFound: FakeApiReply;
  routes: FakeRoute[];
  /** The provider's result for `jobId` as the API serves it (for building inline callbacks in tests). */
  sample(jobId: string, baseUrl: string): unknown;
  /** Routes that are not authenticated with the key (signed storage URLs). */
  public?: RegExp[];
}

export const json = (body: unknown, status = 200): FakeApiReply => ({ status, body });
export const plain = (body: string, contentType: string): FakeApiReply => ({
  status: 200,
  body,
  contentType,
});
export const bearer = (req: FakeApiRequest, key: string) => req.headers.authorization === `Bearer ${key}`;

/** The shared script every fake serves: two speakers, five words. */
export const SCRIPT = {
  text: "Hello there. Thanks for calling.",
  words: [
    { text: "Hello", start: 0.24, end: 0.64, confidence: 0.98, speaker: 0 },
    { text: "there.", start: 0.68, end: 1.1, confidence: 0.97, speaker: 0 },
    { text: "Thanks", start: 1.5, end: 1.86, confidence: 0.99, speaker: 1 },
    { text: "for", start: 1.88, end: 2.0, confidence: 0.95, speaker: 1 },
    { text: "calling.", start: 2.02, end: 2.56, confidence: 0.96, speaker: 1 },
  ],
  segments: [
    { text: "Hello there.", start: 0.24, end: 1.1, speaker: 0 },
    { text: "Thanks for calling.", start: 1.5, end: 2.56, speaker: 1 },
  ],
  duration: 4,
  srt: "1\n00:00:00,240 --> 00:00:01,100\nHello there.\n\n2\n00:00:01,500 --> 00:00:02,560\nThanks for calling.\n",
  vtt: "WEBVTT\n\n00:00:00.240 --> 00:00:01.100\nHello there.\n\n00:00:01.500 --> 00:00:02.560\nThanks for calling.\n",
} as const;
