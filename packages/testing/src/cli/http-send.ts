import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** A request to send, byte for byte. */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** What came back, or why nothing did. */
export type SendOutcome =
  | {
      ok: true;
      status: number;
      statusText: string;
      headers: Record<string, string>;
      body: string;
      ms: number;
    }
  | { ok: false; error: string; timedOut: boolean; ms: number };

/**
 * Sends one request with `node:http(s)` (so the headers and body go out exactly as given, with a
 * fresh connection each time, as a provider's would) and reads the whole answer.
 *
 * @example
 * ```ts
 * const out = await sendRequest({ method: "POST", url: "http://127.0.0.1:3000/webhooks/assemblyai",
 *                                 headers: { "content-type": "application/json" }, body: "{}" }, 10_000);
 * if (out.ok) console.log(out.status);
 * ```
 */
export function sendRequest(req: OutgoingRequest, timeoutMs: number): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      resolve({ ok: false, error: `not an absolute URL: ${req.url}`, timedOut: false, ms: 0 });
      return;
    }
    const body = typeof req.body === "string" ? Buffer.from(req.body) : req.body;
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const client = send(url, {
      method: req.method,
      headers: { ...req.headers, "content-length": String(body.length) },
      agent: false,
    });
    const timer = setTimeout(() => {
      finish({ ok: false, error: `no answer within ${timeoutMs} ms`, timedOut: true, ms: elapsed() });
      client.destroy();
    }, timeoutMs);
    client.on("error", (err: NodeJS.ErrnoException) =>
      finish({ ok: false, error: describe(err, url), timedOut: false, ms: elapsed() }),
    );
    client.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", (err) => finish({ ok: false, error: err.message, timedOut: false, ms: elapsed() }));
      res.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
        }
        finish({
          ok: true,
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          headers,
          body: Buffer.concat(chunks).toString("utf8"),
          ms: elapsed(),
        });
      });
    });
    client.end(body);
  });
}

function describe(err: NodeJS.ErrnoException, url: URL): string {
  if (err.code === "ECONNREFUSED") return `connection refused by ${url.host}: is the server running?`;
  if (err.code === "ENOTFOUND") return `host not found: ${url.hostname}`;
  return err.message || String(err.code);
}
