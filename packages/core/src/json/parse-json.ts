import sjson from "secure-json-parse";
import { malformed } from "../errors";

const utf8 = new TextDecoder();

/**
 * Parses a JSON body once, into plain objects, without prototype poisoning: `__proto__` and
 * `constructor.prototype` keys are dropped. secure-json-parse only walks the result when the text
 * contains one of those keys, so an ordinary body costs one `JSON.parse` and two regular-expression
 * scans. Invalid UTF-8 is read as U+FFFD, as `TextDecoder` does. Throws a 400 `WebhookError` for text
 * that is not JSON.
 *
 * @example
 * ```ts
 * const payload = parseJson(rawBody) as { id: string; words: unknown[] };
 * Object.freeze(payload); // a plain object: freeze, clone or stringify it as you like
 * ```
 */
export function parseJson(body: Uint8Array | string): unknown {
  const text = typeof body === "string" ? body : utf8.decode(body);
  try {
    return sjson.parse(text, undefined, { protoAction: "remove", constructorAction: "remove" });
  } catch (cause) {
    throw malformed("The body is not valid JSON", "body_malformed", cause);
  }
}
