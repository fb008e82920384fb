import { request as httpRequest } from "node:http";
import { connect } from "node:net";

/** A request as the conformance cases describe it: what goes over the wire, byte for byte. */
export interface WireRequest {
  method: string;
  /** Path and query. */
  path: string;
  /** A list sends the header once per entry, in order (a repeated header). */
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Send the body with `Transfer-Encoding: chunked` and no `Content-Length`. */
  chunked?: boolean;
}

/** What came back. `json` is the parsed body when it is JSON. */
export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

/**
 * Sends one request on a fresh connection (no keep-alive, so a `Connection: close` answer cannot
 * disturb the next case). The response is kept even if the server stops reading the body early.
 */
export function send(baseUrl: string, req: WireRequest): Promise<WireResponse> {
  const url = new URL(req.path, baseUrl);
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  const headers: Record<string, string | string[]> = { ...req.headers };
  if (body && !req.chunked && !hasHeader(headers, "content-length")) {
    headers["content-length"] = String(body.length);
  }
  return new Promise((resolve, reject) => {
    let answered = false;
    const r = httpRequest(url, { method: req.method, headers, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    // A server that answers before reading the whole body (413) may close while we still write.
    r.on("error", (err) => {
      if (!answered) reject(err);
    });
    if (body && req.chunked) {
      // Several chunks, so a streaming limit is crossed mid-body rather than in one write.
      const step = Math.max(1, Math.ceil(body.length / 8));
      for (let i = 0; i < body.length; i += step) r.write(body.subarray(i, i + step));
      r.end();
    } else {
      r.end(body);
    }
  });
}

/**
 * Sends the head of a request and only part of its declared body, then waits for the server to
 * answer (a 408 once its body deadline passes). With `trickleMs`, one more byte (a space) follows
 * every `trickleMs` until the answer comes: a client that is slow but never idle. Returns the status
 * line's code and the body.
 */
export function sendTruncated(
  baseUrl: string,
  req: {
    path: string;
    headers: Record<string, string>;
    declaredLength: number;
    sent: string;
    trickleMs?: number;
  },
): Promise<{ status: number; text: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    let written = Buffer.byteLength(req.sent);
    const trickle =
      req.trickleMs === undefined
        ? undefined
        : setInterval(() => {
            if (written >= req.declaredLength - 1 || chunks.length > 0 || socket.destroyed) return;
            written++;
            socket.write(" ");
          }, req.trickleMs);
    socket.on("close", () => clearInterval(trickle));
    socket.on("connect", () => {
      socket.write(requestHead("POST", url, req) + req.sent);
    });
    socket.on("data", (c: Buffer) => {
      chunks.push(c);
      const text = Buffer.concat(chunks).toString("utf8");
      const headEnd = text.indexOf("\r\n\r\n");
      if (headEnd === -1) return;
      const length = /content-length:\s*(\d+)/i.exec(text.slice(0, headEnd));
      const body = text.slice(headEnd + 4);
      const chunked = /transfer-encoding:\s*chunked/i.test(text.slice(0, headEnd));
      if (length && Buffer.byteLength(body) >= Number(length[1])) {
        socket.destroy();
        resolve({ status: Number(text.slice(9, 12)), text: body });
      } else if (chunked && body.endsWith("0\r\n\r\n")) {
        socket.destroy();
        resolve({ status: Number(text.slice(9, 12)), text: dechunk(body) });
      }
    });
    socket.on("error", reject);
    socket.on("close", () => reject(new Error("connection closed before a complete response")));
  });
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

function dechunk(body: string): string {
  let out = "";
  let rest = body;
  for (;;) {
    const eol = rest.indexOf("\r\n");
    const size = Number.parseInt(rest.slice(0, eol), 16);
    if (!size) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}

/** What {@link sendFlood} saw. */
export interface FloodResult {
  /** The status the server answered with (0 if none arrived). */
  status: number;
  /** The response's `Connection` header, lower-cased. */
  connection: string | undefined;
  /** Body bytes the client managed to write before the server stopped taking them. */
  sent: number;
  /** True when the server closed (or reset) the connection before the whole declared body was sent. */
  closedEarly: boolean;
}

/**
 * Declares a `declaredLength`-byte body and keeps writing it as fast as the socket takes it, while
 * reading the answer: a server that refuses before the body and stops reading closes the connection
 * long before the body is complete; one that drains the body takes it all.
 */
export function sendFlood(
  baseUrl: string,
  req: { method?: string; path: string; headers: Record<string, string>; declaredLength: number },
): Promise<FloodResult> {
  const url = new URL(baseUrl);
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let sent = 0;
    let done = false;
    let response = "";
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      const head = response.slice(0, Math.max(0, response.indexOf("\r\n\r\n")));
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const connection = /\r\nconnection:\s*([^\r\n]*)/i.exec(head)?.[1]?.trim().toLowerCase();
      resolve({ status, connection, sent, closedEarly: sent < req.declaredLength });
    };
    const pump = () => {
      while (!done && sent < req.declaredLength) {
        const n = Math.min(chunk.length, req.declaredLength - sent);
        sent += n;
        if (!socket.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return;
      }
    };
    socket.on("connect", () => {
      socket.write(requestHead(req.method ?? "POST", url, req));
      pump();
    });
    socket.on("drain", pump);
    socket.on("data", (c: Buffer) => {
      response += c.toString("latin1");
    });
    socket.on("error", finish);
    socket.on("close", finish);
    socket.on("end", finish);
  });
}

/** An HTTP/1.1 request head declaring `declaredLength` bytes of body, written by hand. */
function requestHead(
  method: string,
  url: URL,
  req: { path: string; headers: Record<string, string>; declaredLength: number },
): string {
  return [
    `${method} ${req.path} HTTP/1.1`,
    `host: ${url.host}`,
    `content-length: ${req.declaredLength}`,
    ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`),
    "",
    "",
  ].join("\r\n");
}
