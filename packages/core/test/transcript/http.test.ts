import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fetchTranscript, TranscriptError } from "@scribehook/core";
import { type FakeProviderApi, fakeProviderApi } from "@scribehook/testing";
import { afterEach, describe, expect, it } from "vitest";
import { expectNoSecret } from "./support";

// Retries, timeouts, the caller's signal and where the key goes, against the AssemblyAI fake
// (the HTTP client is shared by every provider).

let api: FakeProviderApi | undefined;
let other: Server | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
  other?.closeAllConnections();
  other?.close();
  other = undefined;
});

const aai = async () => {
  api = await fakeProviderApi("assemblyai");
  return { api, options: { provider: "assemblyai", jobId: "t-1", apiKey: api.apiKey, apiBaseUrl: api.url } };
};

describe("retries", () => {
  it("honours Retry-After (seconds) before the second attempt", async () => {
    const { api, options } = await aai();
    api.failNext(429, { retryAfter: "1" });
    await fetchTranscript({ ...options, retryDelayMs: 1 });
    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]!.at - api.requests[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it("5xx on every attempt → provider_error with the last status, after `attempts` requests", async () => {
    const { api, options } = await aai();
    api.failNext(502, { times: 3 });
    const err = await fetchTranscript({ ...options, retryDelayMs: 1 }).catch((e) => e);
    expect({ code: err.code, status: err.status }).toEqual({ code: "provider_error", status: 502 });
    expect(api.requests).toHaveLength(3);
  });

  it("429 on every attempt → rate_limited", async () => {
    const { api, options } = await aai();
    api.failNext(429, { times: 2, retryAfter: "0" });
    const err = await fetchTranscript({ ...options, attempts: 2 }).catch((e) => e);
    expect({ code: err.code, status: err.status }).toEqual({ code: "rate_limited", status: 429 });
  });

  it("a Retry-After longer than maxRetryDelayMs ends the retries at once", async () => {
    const { api, options } = await aai();
    api.failNext(429, { retryAfter: "3600" });
    const err = await fetchTranscript({ ...options, maxRetryDelayMs: 5_000 }).catch((e) => e);
    expect(err.code).toBe("rate_limited");
    expect(api.requests).toHaveLength(1);
  });

  it("a 4xx other than 429 is not retried", async () => {
    const { api, options } = await aai();
    api.failNext(400);
    const err = await fetchTranscript(options).catch((e) => e);
    expect({ code: err.code, status: err.status }).toEqual({ code: "provider_error", status: 400 });
    expect(api.requests).toHaveLength(1);
  });

  it("a slow answer within the timeout succeeds", async () => {
    const { api, options } = await aai();
    api.delayNext(100);
    const t = await fetchTranscript({ ...options, timeoutMs: 5_000 });
    expect(t.jobId).toBe("t-1");
  });
});

describe("the caller's AbortSignal", () => {
  it("aborts a hung request with the signal's reason, and stops the retries", async () => {
    const { api, options } = await aai();
    api.hangNext(3);
    const controller = new AbortController();
    const pending = fetchTranscript({ ...options, signal: controller.signal }).catch((e) => e);
    // Abort once the request is hanging at the fake (not on a timer: a busy machine may be slower).
    while (api.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort(new Error("shutting down"));
    const err = await pending;
    expect(err).not.toBeInstanceOf(TranscriptError);
    expect(err.message).toBe("shutting down");
    expect(api.requests).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const { api, options } = await aai();
    const err = await fetchTranscript({ ...options, signal: AbortSignal.abort() }).catch((e) => e);
    expect(err.name).toBe("AbortError");
    expect(api.requests).toHaveLength(0);
  });
});

describe("the API key goes only where it belongs", () => {
  it("a redirect to another origin is followed without the key", async () => {
    const { api } = await aai();
    other = createServer((req, res) => {
      res.writeHead(302, { location: `${api.url}${req.url}` }).end();
    });
    await new Promise<void>((resolve) => other!.listen(0, "127.0.0.1", resolve));
    const redirector = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const err = await fetchTranscript({
      provider: "assemblyai",
      jobId: "t-1",
      apiKey: api.apiKey,
      apiBaseUrl: redirector,
    }).catch((e) => e);
    expect(err.code).toBe("unauthorized");
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("Azure: the key goes to the API, never to the signed contentUrl", async () => {
    api = await fakeProviderApi("azure");
    await fetchTranscript({ provider: "azure", jobId: "az-1", apiKey: api.apiKey, apiBaseUrl: api.url });
    const [files, content] = api.requests;
    expect(files!.headers["ocp-apim-subscription-key"]).toBe(api.apiKey);
    expect(content!.path).toMatch(/^\/storage\//);
    expect(content!.headers["ocp-apim-subscription-key"]).toBeUndefined();
  });

  it("3Play (key in the query): an unreachable API gives provider_error without the key anywhere", async () => {
    api = await fakeProviderApi("threeplay");
    const closed = api.url;
    const key = api.apiKey;
    await api.close();
    api = undefined;
    const err = await fetchTranscript({
      provider: "threeplay",
      jobId: "1",
      apiKey: key,
      apiBaseUrl: closed,
      attempts: 2,
      retryDelayMs: 1,
    }).catch((e) => e);
    expect({ name: err.name, code: err.code, status: err.status }).toEqual({
      name: "TranscriptError",
      code: "provider_error",
      status: undefined,
    });
    expectNoSecret(err, [key]);
  });

  it("a provider message that echoes the key is redacted in the cause", async () => {
    const key = "sk-echoed-secret-123456";
    other = createServer((_req, res) => {
      res
        .writeHead(401, { "content-type": "application/json" })
        .end(JSON.stringify({ error: `Invalid key ${key}` }));
    });
    await new Promise<void>((resolve) => other!.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const err = await fetchTranscript({
      provider: "assemblyai",
      jobId: "t-1",
      apiKey: key,
      apiBaseUrl: base,
    }).catch((e) => e);
    expect(err.code).toBe("unauthorized");
    expect(String(err.cause)).toContain("Invalid key [redacted]");
    expectNoSecret(err, [key]);
  });
});

// A result API of our own on 127.0.0.1, for what the fake does not do: same-origin redirects,
// redirect loops, Retry-After dates and the error-body shapes providers use.
async function serve(
  handler: (
    path: string,
    req: import("node:http").IncomingMessage,
  ) => {
    status: number;
    headers?: Record<string, string>;
    body?: string;
  },
) {
  const seen: { path: string; authorization?: string }[] = [];
  other = createServer((req, res) => {
    const path = req.url ?? "/";
    seen.push({ path, authorization: req.headers.authorization });
    const r = handler(path, req);
    res.writeHead(r.status, r.headers ?? {}).end(r.body ?? "");
  });
  await new Promise<void>((resolve) => other!.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  return {
    seen,
    base,
    options: { provider: "assemblyai", jobId: "t-1", apiKey: "aai-key-0123456789", apiBaseUrl: base },
  };
}
const COMPLETED = JSON.stringify({ id: "t-1", status: "completed", text: "Hi.", words: [] });
const ok = { status: 200, headers: { "content-type": "application/json" }, body: COMPLETED };

describe("redirects", () => {
  it("a same-origin redirect (relative Location) is followed with the key", async () => {
    const { seen, options } = await serve((path) =>
      path.startsWith("/moved/") ? ok : { status: 307, headers: { location: `/moved${path}` } },
    );
    const t = await fetchTranscript(options);
    expect(t.text).toBe("Hi.");
    expect(seen.map((s) => [s.path, s.authorization])).toEqual([
      ["/v2/transcript/t-1", options.apiKey],
      ["/moved/v2/transcript/t-1", options.apiKey],
    ]);
  });

  it("a redirect loop stops after 5 hops with provider_error naming the 3xx, not retried", async () => {
    const { seen, options } = await serve((path) => ({ status: 302, headers: { location: path } }));
    const err = await fetchTranscript(options).catch((e) => e);
    expect({ code: err.code, status: err.status }).toEqual({ code: "provider_error", status: 302 });
    expect(seen).toHaveLength(6);
    expectNoSecret(err, [options.apiKey]);
  });

  it("a 3xx without Location is an error, not a transcript", async () => {
    const { options } = await serve(() => ({ status: 300, body: "choose" }));
    const err = await fetchTranscript(options).catch((e) => e);
    expect({ code: err.code, status: err.status }).toEqual({ code: "provider_error", status: 300 });
  });
});

describe("Retry-After forms", () => {
  const onceThenOk = (retryAfter: string) => {
    let n = 0;
    return () => (n++ === 0 ? { status: 503, headers: { "retry-after": retryAfter } } : ok);
  };

  it("an HTTP date in the past retries at once", async () => {
    const { seen, options } = await serve(onceThenOk(new Date(Date.now() - 60_000).toUTCString()));
    // A backoff of an hour would end the retries (over maxRetryDelayMs): only the date lets it retry.
    const t = await fetchTranscript({ ...options, retryDelayMs: 3_600_000, maxRetryDelayMs: 1_000 });
    expect(t.text).toBe("Hi.");
    expect(seen).toHaveLength(2);
  });

  it("an HTTP date far ahead ends the retries like a long delta", async () => {
    const { seen, options } = await serve(onceThenOk(new Date(Date.now() + 3_600_000).toUTCString()));
    const err = await fetchTranscript({ ...options, maxRetryDelayMs: 1_000 }).catch((e) => e);
    expect({ code: err.code, status: err.status }).toEqual({ code: "provider_error", status: 503 });
    expect(seen).toHaveLength(1);
  });

  it("an unreadable Retry-After falls back to the backoff", async () => {
    const { seen, options } = await serve(onceThenOk("soon"));
    const t = await fetchTranscript({ ...options, retryDelayMs: 1 });
    expect(t.text).toBe("Hi.");
    expect(seen).toHaveLength(2);
  });
});

describe("the provider's words in the error cause", () => {
  it.each([
    // Shapes providers use: a nested { error: { message } } (Google-style), an `errors` list
    // (Rev.com-style), a plain-text body, and an empty one.
    [JSON.stringify({ error: { code: 7, message: "Quota exceeded" } }), "Quota exceeded"],
    [JSON.stringify({ errors: [{ field: "id" }] }), '[{"field":"id"}]'],
    [JSON.stringify({ detail: "Bad job id" }), "Bad job id"],
    ["upstream said no\n", "upstream said no"],
    ["", "HTTP 400"],
  ])("%j → cause %j", async (body, said) => {
    const { options } = await serve(() => ({
      status: 400,
      headers: { "content-type": "application/json" },
      body,
    }));
    const err = await fetchTranscript(options).catch((e) => e);
    expect(err.code).toBe("provider_error");
    expect(String(err.cause)).toBe(`Error: ${said}`);
  });
});
