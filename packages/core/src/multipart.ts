import { malformed } from "./errors";

/** One part of a `multipart/form-data` body. */
export interface MultipartPart {
  /** The `name` of its `Content-Disposition`. */
  name: string;
  /** The `filename` of its `Content-Disposition`, when it is a file attachment. */
  filename?: string;
  /** Its media type without parameters, lower-cased; `""` when the part has none. */
  contentType: string;
  /** Its exact bytes (a view into the request body). */
  body: Uint8Array;
}

/** More parts than any provider sends is a malformed (or hostile) body, not a delivery. */
const MAX_PARTS = 64;

/**
 * The `boundary` parameter of a `multipart/*` Content-Type header, or `undefined`.
 *
 * @example
 * ```ts
 * multipartBoundary('multipart/form-data; boundary="abc"'); // "abc"
 * ```
 */
export function multipartBoundary(contentTypeHeader: string | undefined): string | undefined {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;,"]{1,70}))/i.exec(contentTypeHeader ?? "");
  return m ? (m[1] ?? m[2]) : undefined;
}

/**
 * A minimal `multipart/form-data` reader (RFC 7578): enough for providers that post files, such as
 * Speechmatics' notifications. Parts stay bytes; nothing is written to disk. Throws a 400
 * `body_malformed` WebhookError for a body that does not follow the boundary it declares.
 *
 * @example
 * ```ts
 * const parts = parseMultipart(body, "xyz"); // [{ name: "transcript", filename: "t.json", contentType: "application/json", body }]
 * ```
 */
export function parseMultipart(body: Uint8Array, boundary: string): MultipartPart[] {
  const dash = ascii(`--${boundary}`);
  const delimiter = ascii(`\r\n--${boundary}`);
  // The first boundary may follow a preamble, which is ignored.
  let pos = startsWith(body, dash, 0) ? 0 : indexOf(body, delimiter, 0);
  if (pos === -1) throw malformed("The multipart body does not contain its boundary");
  pos += pos === 0 && body[0] === 0x2d ? dash.length : delimiter.length;
  const parts: MultipartPart[] = [];
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts; // closing "--boundary--"
    // Transport padding (spaces, tabs) may follow a boundary before its CRLF.
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a)
      throw malformed("A multipart boundary is not followed by CRLF");
    pos += 2;
    const headerEnd = indexOf(body, HEADER_END, pos);
    const next = indexOf(body, delimiter, pos);
    if (headerEnd === -1 || next === -1 || headerEnd > next) {
      throw malformed("A multipart part is not terminated by its boundary");
    }
    if (parts.length >= MAX_PARTS) throw malformed(`The multipart body has more than ${MAX_PARTS} parts`);
    parts.push(part(latin1(body.subarray(pos, headerEnd)), body.subarray(headerEnd + 4, next)));
    pos = next + delimiter.length;
  }
}

const HEADER_END = new Uint8Array([0x0d, 0x0a, 0x0d, 0x0a]);

/** The bytes of an ASCII text (a boundary is 1-70 ASCII characters, RFC 2046). */
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

/** Header bytes as Latin-1 text, one character per byte, as HTTP header values are read. */
function latin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

function startsWith(haystack: Uint8Array, needle: Uint8Array, at: number): boolean {
  if (at + needle.length > haystack.length) return false;
  for (let j = 0; j < needle.length; j++) if (haystack[at + j] !== needle[j]) return false;
  return true;
}

/** The first index of `needle` in `haystack` from `from`, or -1. */
function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  for (let i = haystack.indexOf(first!, from); i !== -1; i = haystack.indexOf(first!, i + 1)) {
    if (startsWith(haystack, needle, i)) return i;
  }
  return -1;
}

function part(headerText: string, content: Uint8Array): MultipartPart {
  let disposition = "";
  let contentType = "";
  for (const line of headerText.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-disposition") disposition = value;
    else if (name === "content-type") contentType = value.split(";")[0]!.trim().toLowerCase();
  }
  const name = dispositionParam(disposition, "name");
  if (name === undefined) throw malformed("A multipart part has no Content-Disposition name");
  const filename = dispositionParam(disposition, "filename");
  return { name, ...(filename === undefined ? {} : { filename }), contentType, body: content };
}

function dispositionParam(disposition: string, key: string): string | undefined {
  const m = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, "i").exec(disposition);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2];
}
