import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeApiReply, FakeApiRequest, FakeApiSpec } from "./spec";

/**
 * A running fake of a provider's result API on 127.0.0.1.
 *
 * @example
 * ```ts
 * const api = await fakeProviderApi("assemblyai");
 * api.failNext(429, { retryAfter: "0" });
 * await fetchTranscript({ provider: "assemblyai", jobId: "t-1", apiKey: api.apiKey, apiBaseUrl: api.url });
 * api.requests.length; // 2
 * await api.close();
 * ```
 */
export interface FakeProviderApi {
  provider: string;
  /** Base URL to configure as `apiBaseUrl`, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The key the fake accepts. */
  apiKey: string;
  /** Every request received, in order. */
  requests: FakeApiRequest[];
  /** The provider's result for `jobId` as the API serves it (to build inline callbacks). */
  sample(jobId: string): unknown;
  /** The next `times` requests (default 1) get `status` (429 or 5xx), with `Retry-After` when given. */
  failNext(status: number, options?: { times?: number; retryAfter?: string }): void;
  /** The next `times` requests (default 1) are never answered (until `close()`). */
  hangNext(times?: number): void;
  /** The next `times` requests (default 1) are answered after `ms` milliseconds. */
  delayNext(ms: number, times?: number): void;
  close(): Promise<void>;
}

type Trouble =
  | { kind: "fail"; status: number; retryAfter?: string }
  | { kind: "hang" }
  | { kind: "delay"; ms: number };

/** Starts a fake that follows `spec` on a free loopback port. */
export async function startFakeApi(
  provider: string,
  spec: FakeApiSpec,
  apiKey: string,
): Promise<FakeProviderApi> {
  const requests: FakeApiRequest[] = [];
  const trouble: Trouble[] = [];
  let base = "";
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const request: FakeApiRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      at: Date.now(),
    };
    requests.push(request);
    req.resume();
    const next = trouble.shift();
    if (next?.kind === "hang") return;
    if (next?.kind === "fail") {
      return send(res, {
        status: next.status,
        body: { error: next.status === 429 ? "Too many requests" : "Internal server error" },
        headers: next.retryAfter === undefined ? {} : { "retry-after": next.retryAfter },
      });
    }
    const answer = () => send(res, route(spec, request, apiKey, base));
    if (next?.kind === "delay") setTimeout(answer, next.ms);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const repeat = (t: Trouble, times = 1) => {
    for (let i = 0; i < times; i++) trouble.push(t);
  };
  return {
    provider,
    url: base,
    apiKey,
    requests,
    sample: (jobId) => spec.sample(jobId, base),
    failNext: (status, options = {}) =>
      repeat({ kind: "fail", status, retryAfter: options.retryAfter }, options.times),
    hangNext: (times) => repeat({ kind: "hang" }, times),
    delayNext: (ms, times) => repeat({ kind: "delay", ms }, times),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function route(spec: FakeApiSpec, req: FakeApiRequest, key: string, base: string): FakeApiReply {
  const open = spec.public?.some((p) => p.test(req.path)) ?? false;
  if (!open && !spec.authorized(req, key)) return spec.unauthorized;
  for (const [method, pattern, reply] of spec.routes) {
    const m = pattern.exec(req.path);
    if (!m || method !== req.method) continue;
    const jobId = decodeURIComponent(m[1] ?? "");
    if (jobId.startsWith("unknown")) return spec.notFound;
    return reply(jobId, req, base);
  }
  return spec.notFound;
}

function send(res: ServerResponse, reply: FakeApiReply): void {
  const isText = typeof reply.body === "string";
  const body = isText ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "content-type":
      reply.contentType ?? (isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8"),
    ...reply.headers,
  });
  res.end(body);
}
