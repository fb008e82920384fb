import { malformed } from "./errors";

/** One part of a `multipart/form-data` body. */
export interface MultipartPart {
  /** The `name` of its `Content-Disposition`. */
  name: string;
  /** The `filename` of its `Content-Disposition`, when it is a file attachment. */
  filename?: string;
  /** Its media type without parameters, lower-cased; `""` when the part has none. */
  contentType: string;
  /** Its exact bytes. */
  body: Buffer;
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
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first boundary may follow a preamble, which is ignored.
  let pos = body.subarray(0, dash.length).equals(dash) ? 0 : body.indexOf(delimiter);
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
    const headerEnd = body.indexOf("\r\n\r\n", pos);
    const next = body.indexOf(delimiter, pos);
    if (headerEnd === -1 || next === -1 || headerEnd > next) {
      throw malformed("A multipart part is not terminated by its boundary");
    }
    if (parts.length >= MAX_PARTS) throw malformed(`The multipart body has more than ${MAX_PARTS} parts`);
    parts.push(part(body.subarray(pos, headerEnd).toString("latin1"), body.subarray(headerEnd + 4, next)));
    pos = next + delimiter.length;
  }
}

function part(headerText: string, content: Buffer): MultipartPart {
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
