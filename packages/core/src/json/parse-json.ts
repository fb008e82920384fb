import { utf8Text } from "../encoding";
import { malformed } from "../errors";

// secure-json-parse's fast path (its own two patterns): a text with no `"__proto__":` or
// `"constructor":` key, escaped or not, cannot poison a prototype, so its JSON.parse result is used
// as it is. Only a text that has one is walked.
const SUSPECT_PROTO =
  /"(?:_|\\u005[Ff])(?:_|\\u005[Ff])(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[Ff])(?:t|\\u0074)(?:o|\\u006[Ff])(?:_|\\u005[Ff])(?:_|\\u005[Ff])"\s*:/;
const SUSPECT_CONSTRUCTOR =
  /"(?:c|\\u0063)(?:o|\\u006[Ff])(?:n|\\u006[Ee])(?:s|\\u0073)(?:t|\\u0074)(?:r|\\u0072)(?:u|\\u0075)(?:c|\\u0063)(?:t|\\u0074)(?:o|\\u006[Ff])(?:r|\\u0072)"\s*:/;

/**
 * Parses a JSON body once, into plain objects, without prototype poisoning: `__proto__` keys and
 * `constructor` keys holding a `prototype` are dropped, as secure-json-parse's `"remove"` actions do.
 * The result is walked only when the text contains such a key, so an ordinary body costs one
 * `JSON.parse` and two substring searches. A leading BOM is skipped; invalid UTF-8 is read as
 * U+FFFD. Throws a 400 `WebhookError` for text that is not JSON.
 *
 * @example
 * ```ts
 * const payload = parseJson(rawBody) as { id: string; words: unknown[] };
 * Object.freeze(payload); // a plain object: freeze, clone or stringify it as you like
 * ```
 */
export function parseJson(body: Uint8Array | string): unknown {
  let text = typeof body === "string" ? body : utf8Text(body);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw malformed("The body is not valid JSON", "body_malformed", cause);
  }
  if (value !== null && typeof value === "object" && mayPoison(text)) removePoison(value);
  return value;
}

/**
 * Whether the text may hold a `__proto__` key, or a `constructor` key whose object has a `prototype`
 * (the walk then decides). Without `\u` no key can be escaped, so both dangerous names are spelled
 * out, and both hold `proto`: one search for it rules out most bodies, for two fifths to a quarter
 * of the cost of searching for `__proto__` and `constructor` (a `p` is rarer in JSON than `_`, `c`
 * or `o`; bench/NOTES.md). Text that escapes a character is matched with secure-json-parse's two
 * patterns.
 */
function mayPoison(text: string): boolean {
  if (text.includes("\\u")) return SUSPECT_PROTO.test(text) || SUSPECT_CONSTRUCTOR.test(text);
  if (!text.includes("proto")) return false;
  return text.includes("__proto__") || (text.includes("prototype") && text.includes("constructor"));
}

/** Deletes every own `__proto__` key, and every `constructor` object that has a `prototype`, breadth first. */
function removePoison(root: object): void {
  let level: object[] = [root];
  while (level.length > 0) {
    const next: object[] = [];
    for (const node of level) {
      const record = node as Record<string, unknown>;
      // The own key JSON.parse made, not the accessor on Object.prototype.
      if (Object.hasOwn(record, "__proto__")) Reflect.deleteProperty(record, "__proto__");
      const ctor = Object.hasOwn(record, "constructor") ? record.constructor : undefined;
      if (ctor !== null && typeof ctor === "object" && Object.hasOwn(ctor, "prototype")) {
        Reflect.deleteProperty(record, "constructor");
      }
      for (const key in record) {
        const child = record[key];
        if (child !== null && typeof child === "object") next.push(child);
      }
    }
    level = next;
  }
}
