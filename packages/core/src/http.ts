/**
 * A header map as Node gives it (`IncomingHttpHeaders`), a Fetch `Headers`, or plain pairs.
 *
 * @example
 * ```ts
 * const headers: IncomingHeaders = req.headers; // or request.headers, or [["x-webhook-token", "…"]]
 * ```
 */
export type IncomingHeaders =
  | Record<string, string | string[] | number | undefined>
  | Headers
  | Iterable<readonly [string, string]>;

/**
 * A request body: bytes, text, a Node stream, a Web `ReadableStream` or any async iterable of bytes.
 *
 * @example
 * ```ts
 * const body: RequestBody = req; // the unread Node request: scribehook reads it under its own limit
 * ```
 */
export type RequestBody =
  | Uint8Array
  | string
  | NodeJS.ReadableStream
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | null
  | undefined;

/**
 * What an adapter hands to `receiver.handle()`: the framework's request, reduced to plain data.
 *
 * @example
 * ```ts
 * const res = await receiver.handle({ method: req.method, url: req.url, headers: req.headers,
 *                                     rawHeaders: req.rawHeaders,
 *                                     body: req, ip: req.socket.remoteAddress });
 * ```
 */
export interface WebhookRequest {
  method: string;
  /** Path and query as the server saw them, e.g. `/webhooks/gladia?sh_token=…`. An absolute URL works too. */
  url: string;
  headers: IncomingHeaders;
  /**
   * Node's `req.rawHeaders` (name, value, name, value… as received), with `headers` being Node's
   * `req.headers`. Node adapters pass it, so a repeated authenticating header is refused even where
   * `headers` kept only its first value.
   */
  rawHeaders?: readonly string[];
  /** The raw, unparsed body. Never a parsed object. */
  body?: RequestBody;
  /** The socket's peer address; used by `allowIps` (with `trustProxy`, `X-Forwarded-For` is read instead). */
  ip?: string;
}

/**
 * What `receiver.handle()` answers; adapters copy it onto the framework's response as it is.
 *
 * @example
 * ```ts
 * const { status, headers, body } = await receiver.handle(request);
 * res.writeHead(status, headers).end(body);
 * ```
 */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Reads headers case-insensitively, whatever shape they came in. Several values are joined with ", ". */
export function headerReader(headers: IncomingHeaders): (name: string) => string | undefined {
  if (typeof (headers as Headers).get === "function" && typeof (headers as Headers).has === "function") {
    const h = headers as Headers;
    return (name) => h.get(name) ?? undefined;
  }
  const map = new Map<string, string>();
  const add = (key: string, value: unknown) => {
    const text = headerText(value);
    if (text === undefined) return;
    const k = key.toLowerCase();
    const prev = map.get(k);
    map.set(k, prev === undefined ? text : `${prev}, ${text}`);
  };
  if (Symbol.iterator in (headers as object) && !isPlainRecord(headers)) {
    for (const [k, v] of headers as Iterable<readonly [string, string]>) add(k, v);
  } else {
    for (const [k, v] of Object.entries(headers as Record<string, unknown>)) add(k, v);
  }
  return (name) => map.get(name.toLowerCase());
}

function isPlainRecord(value: unknown): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | undefined): string {
  if (!contentType) return "";
  const semi = contentType.indexOf(";");
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

/**
 * One header entry's value as text: a list (Node's `set-cookie`) joined with ", ", as Fetch joins
 * repeats; `undefined` for none.
 *
 * @example
 * ```ts
 * headerText(["a=1", "b=2"]); // "a=1, b=2"
 * ```
 */
export function headerText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.join(", ") : String(value);
}
