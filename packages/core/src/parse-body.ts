import { utf8Text } from "./encoding";
import { malformed, WebhookError } from "./errors";
import { parseJson } from "./json/parse-json";
import { type MultipartPart, multipartBoundary } from "./multipart";
import type { BodyFormat } from "./providers/define-provider";

const FORMAT_OF: Record<string, BodyFormat> = {
  "application/json": "json",
  "text/json": "json",
  "application/x-www-form-urlencoded": "form",
  "text/plain": "text",
  "multipart/form-data": "multipart",
  "application/octet-stream": "binary",
};

/** Which format a media type is, or `undefined` for one scribehook does not parse. */
export function formatOf(contentType: string, body: Uint8Array): BodyFormat | undefined {
  if (body.length === 0) return "empty";
  if (contentType === "") return sniff(body);
  return (
    FORMAT_OF[contentType] ??
    (contentType.endsWith("+json")
      ? "json"
      : // Subtitles and other text outputs come as text/srt, text/vtt, application/x-subrip …
        contentType.startsWith("text/") || contentType === "application/x-subrip"
        ? "text"
        : undefined)
  );
}

/** Senders that omit Content-Type are common; the first non-blank byte tells JSON from a form. */
function sniff(body: Uint8Array): BodyFormat {
  for (const byte of body) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    return byte === 0x7b || byte === 0x5b ? "json" : "form";
  }
  return "empty";
}

/**
 * Parses an authenticated body by its media type: JSON once, into plain objects, without prototype
 * poisoning (`__proto__` and `constructor.prototype` keys are dropped), forms into a null-prototype object (first value of a
 * repeated field wins), text as a string, `multipart/form-data` into a list of `MultipartPart`s by
 * `readMultipart` (`parseMultipart`; its boundary is read from `contentTypeHeader`, the full
 * Content-Type header: the parser travels with the providers that accept multipart), `application/octet-stream`
 * as the bytes themselves (a `Uint8Array`), an empty body as `{}`. Throws 415 `unsupported_media_type`
 * for a media type the provider never sends, 400 `body_malformed` for a body that does not parse.
 *
 * @example
 * ```ts
 * parseBody(new TextEncoder().encode("id=1&status=complete"), "application/x-www-form-urlencoded", ["json", "form"]);
 * // { id: "1", status: "complete" }
 * ```
 */
export function parseBody(
  body: Uint8Array,
  contentType: string,
  accepted: readonly BodyFormat[],
  contentTypeHeader?: string,
  readMultipart?: (body: Uint8Array, boundary: string) => MultipartPart[],
): unknown {
  const format = formatOf(contentType, body);
  if (format === "empty") return {};
  if (!format || !accepted.includes(format)) {
    // 415, not 400: the bytes may be fine, the sender labelled them as something this provider never sends.
    throw new WebhookError(
      "unsupported_media_type",
      415,
      `Content-Type ${contentType || "(none)"} is not one this provider sends (expected ${accepted.filter((f) => f !== "empty").join(" or ")})`,
    );
  }
  if (format === "text") return utf8Text(body);
  if (format === "binary") return body;
  if (format === "multipart") {
    const boundary = multipartBoundary(contentTypeHeader);
    if (!boundary) throw malformed("The multipart Content-Type header has no boundary");
    if (!readMultipart) throw new TypeError("parseBody: multipart bodies need a parser: pass parseMultipart");
    return readMultipart(body, boundary);
  }
  if (format === "form") {
    const out: Record<string, string> = Object.create(null);
    for (const [k, v] of new URLSearchParams(utf8Text(body))) if (!(k in out)) out[k] = v;
    return out;
  }
  const value = parseJson(body);
  // No provider sends a bare `null`, number or string; providers' normalise() reads fields of an object.
  if (value === null || typeof value !== "object") throw malformed("The body is JSON but not an object");
  return value;
}
