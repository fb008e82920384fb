import { CliError } from "./exit-codes";

/** A captured HTTP/1.x request, split into its parts. */
export interface RawRequest {
  method: string;
  /** Path and query (an absolute-form target is reduced to them). */
  target: string;
  headers: [name: string, value: string][];
  /** The body bytes, exactly as captured (trimmed to `Content-Length` when the capture runs longer). */
  body: Buffer;
  /** What was adjusted or looks suspicious, to print next to the verdict. */
  notes: string[];
}

/**
 * Parses a captured request as it went over the wire: request line, headers, a blank line, the body.
 * Lines may end in CRLF or LF (a capture pasted into an editor); a chunked body is decoded; bytes
 * past `Content-Length` are dropped with a note, since signatures cover the declared body only.
 *
 * @example
 * ```ts
 * const req = parseRawRequest(Buffer.from("POST /webhooks/assemblyai HTTP/1.1\r\nHost: x\r\n\r\n{}"));
 * req.method; // "POST"
 * ```
 */
export function parseRawRequest(raw: Buffer): RawRequest {
  const notes: string[] = [];
  const { headEnd, bodyStart } = findHeadEnd(raw);
  const lines = raw.subarray(0, headEnd).toString("latin1").split(/\r?\n/);
  while (lines.length > 0 && lines[0]!.trim() === "") lines.shift();
  const requestLine = lines.shift() ?? "";
  const m = /^([A-Za-z]+)\s+(\S+)(?:\s+HTTP\/(\d(?:\.\d)?))?\s*$/.exec(requestLine);
  if (!m) {
    throw new CliError(
      `The capture does not start with a request line such as "POST /webhooks/assemblyai HTTP/1.1" (found ${JSON.stringify(requestLine.slice(0, 80))})`,
    );
  }
  const headers: [string, string][] = [];
  for (const line of lines) {
    if (line.trim() === "") continue;
    if (/^\s/.test(line) && headers.length > 0) {
      // obsolete line folding: a continuation of the previous header
      headers[headers.length - 1]![1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) throw new CliError(`Not a header line: ${JSON.stringify(line.slice(0, 80))}`);
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const get = (name: string) => headers.find(([k]) => k.toLowerCase() === name)?.[1];

  let body = bodyStart === -1 ? Buffer.alloc(0) : raw.subarray(bodyStart);
  if (/\bchunked\b/i.test(get("transfer-encoding") ?? "")) {
    body = dechunk(body);
    notes.push("the chunked body was decoded");
  } else {
    const declared = get("content-length");
    if (declared !== undefined) {
      const length = Number(declared);
      if (!Number.isInteger(length) || length < 0) {
        notes.push(`Content-Length ${JSON.stringify(declared)} is not a number`);
      } else if (body.length > length) {
        notes.push(
          `${body.length - length} byte(s) after the ${length} declared by Content-Length were ignored (an editor's trailing newline?)`,
        );
        body = body.subarray(0, length);
      } else if (body.length < length) {
        notes.push(
          `the body has ${body.length} bytes but Content-Length says ${length}: the capture is incomplete`,
        );
      }
    }
  }
  return { method: m[1]!.toUpperCase(), target: targetPath(m[2]!), headers, body, notes };
}

function findHeadEnd(raw: Buffer): { headEnd: number; bodyStart: number } {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { headEnd: crlf, bodyStart: crlf + 4 };
  if (lf !== -1) return { headEnd: lf, bodyStart: lf + 2 };
  return { headEnd: raw.length, bodyStart: -1 };
}

function targetPath(target: string): string {
  if (target.startsWith("/")) return target;
  try {
    const u = new URL(target);
    return u.pathname + u.search;
  } catch {
    throw new CliError(`The request target ${JSON.stringify(target)} is neither a path nor an absolute URL`);
  }
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf("\n", at);
    if (eol === -1) throw new CliError("The chunked body ends before its last (zero-size) chunk");
    const size = Number.parseInt(body.subarray(at, eol).toString("latin1").split(";")[0]!.trim(), 16);
    if (Number.isNaN(size)) throw new CliError("The chunked body has a chunk size that is not hexadecimal");
    if (size === 0) return Buffer.concat(parts);
    const start = eol + 1;
    if (start + size > body.length)
      throw new CliError("The chunked body is shorter than its chunk sizes say");
    parts.push(body.subarray(start, start + size));
    at = start + size;
    if (body[at] === 0x0d) at++;
    if (body[at] === 0x0a) at++;
  }
}
