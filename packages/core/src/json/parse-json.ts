import { randomBytes } from "node:crypto";
import sjson from "secure-json-parse";
import { malformed } from "../errors";
import { scanJson } from "./scan-json";

/** Bodies below this are parsed at once: the scan would cost more than it saves. */
const DEFER_FROM_BODY_BYTES = 64 * 1024;
/** Top-level members at least this large are parsed on first read. */
const LARGE_MEMBER_BYTES = 16 * 1024;
// Stands in for a deferred member while the rest is parsed; random, so no body can forge it.
const TAG = `scribehook-deferred-${randomBytes(8).toString("hex")}-`;

const secure = (bytes: Uint8Array): unknown =>
  sjson.parse(bytes as Buffer, undefined, { protoAction: "remove", constructorAction: "remove" });

/**
 * Parses a JSON body without prototype poisoning (`__proto__` and `constructor.prototype` keys are
 * dropped). A large body is validated in full first, so malformed JSON is refused (400) before
 * anything is acknowledged; then its large top-level members (a transcript) are left unparsed until
 * something reads them. Reading one parses it once, with the same protection, and can no longer fail.
 * Throws a 400 `WebhookError` for text that is not JSON.
 *
 * @example
 * ```ts
 * const payload = parseJson(rawBody) as { id: string; words: unknown[] };
 * payload.id;    // read from the small part, parsed at once
 * payload.words; // parsed now, on first read
 * ```
 */
export function parseJson(body: Buffer): unknown {
  if (body.length >= DEFER_FROM_BODY_BYTES) {
    const scan = scanJson(body, LARGE_MEMBER_BYTES);
    if (!scan) throw malformed("The body is not valid JSON");
    // These two keys stay in the eager part, so their removal is exactly secure-json-parse's.
    const large = scan.large.filter((m) => m.key !== "__proto__" && m.key !== "constructor");
    if (large.length > 0) return deferLarge(body, large);
  }
  try {
    return secure(body);
  } catch (cause) {
    throw malformed("The body is not valid JSON", "body_malformed", cause);
  }
}

function deferLarge(body: Buffer, large: { key: string; start: number; end: number }[]): unknown {
  const parts: Buffer[] = [];
  let at = 0;
  large.forEach((m, n) => {
    parts.push(body.subarray(at, m.start), Buffer.from(`"\\u0000${TAG}${n}"`));
    at = m.end;
  });
  parts.push(body.subarray(at));
  let skeleton: Record<string, unknown>;
  try {
    skeleton = secure(Buffer.concat(parts)) as Record<string, unknown>;
  } catch (cause) {
    throw malformed("The body is not valid JSON", "body_malformed", cause);
  }
  large.forEach((m, n) => {
    // A later duplicate key wins in JSON.parse: defer only where the placeholder survived.
    if (skeleton[m.key] !== `\u0000${TAG}${n}`) return;
    const set = (value: unknown) =>
      Object.defineProperty(skeleton, m.key, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(skeleton, m.key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = secure(body.subarray(m.start, m.end));
        set(value);
        return value;
      },
      set,
    });
  });
  return skeleton;
}
