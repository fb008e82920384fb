import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { WebhookError } from "../../src/errors";
import { parseJson } from "../../src/json/parse-json";
import { scanJson } from "../../src/json/scan-json";

const words = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ word: `w${i}`, start: i / 3, end: i / 3 + 0.25, speaker: "A" }));
/** A body over the deferral threshold, with its transcript in `words`. */
const big = (extra: Record<string, unknown> = {}) => ({
  id: "job-1",
  status: "completed",
  words: words(3000),
  ...extra,
});
const bytes = (v: unknown) => Buffer.from(JSON.stringify(v));
const isDeferred = (o: object, key: string) =>
  typeof Object.getOwnPropertyDescriptor(o, key)?.get === "function";

describe("scanJson: accepts exactly what JSON.parse accepts", () => {
  const valid = [
    "{}",
    "[]",
    ' { "a" : [ 1 , -0.5e+3 , true , false , null , "x\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9" ] } ',
    '"text"',
    "0",
    "-12.5E-2",
    "\ufeff{}",
    '{"a":{"b":{"c":[[],[{}]]}}}',
    '{"dup":1,"dup":2}',
    '{"é":"ü"}',
  ];
  const invalid = [
    "",
    " ",
    "{",
    "}",
    "{,}",
    '{"a":1,}',
    "[1,]",
    '{"a" 1}',
    "{a:1}",
    "[01]",
    "[1.]",
    "[.5]",
    "[1e]",
    "[-]",
    "[tru]",
    "[nul]",
    '["\\x"]',
    '["\\u12G4"]',
    '["a\nb"]',
    '["unterminated]',
    "{} {}",
    "[1 2]",
    "{]",
    "[}",
    "NaN",
  ];
  test.each(valid)("valid: %j", (text) => {
    expect(() => JSON.parse(text.replace(/^\ufeff/, ""))).not.toThrow();
    expect(scanJson(Buffer.from(text), 1)).toBeDefined();
  });
  test.each(invalid)("invalid: %j", (text) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(scanJson(Buffer.from(text), 1)).toBeUndefined();
  });

  test("reports the large members of a top-level object, with their exact byte spans", () => {
    const body = bytes({ id: "x", small: [1, 2], words: words(50), meta: { a: "b".repeat(40) } });
    const scan = scanJson(body, 100)!;
    expect(scan.large.map((m) => m.key)).toEqual(["words"]);
    const [m] = scan.large;
    expect(JSON.parse(body.subarray(m!.start, m!.end).toString())).toEqual(words(50));
  });

  test("never defers members of an array, primitives, or anything nested past 512 levels", () => {
    expect(scanJson(bytes([words(50)]), 10)!.large).toEqual([]);
    expect(scanJson(bytes({ s: "x".repeat(500) }), 10)!.large).toEqual([]);
    const deep = `{"a":${"[".repeat(600)}${"]".repeat(600)}}`;
    expect(scanJson(Buffer.from(deep), 10)).toEqual({ large: [] });
  });
});

describe("parseJson", () => {
  test("a small body is parsed at once", () => {
    const out = parseJson(bytes({ id: "1", words: words(3) })) as Record<string, unknown>;
    expect(isDeferred(out, "words")).toBe(false);
    expect(out).toEqual({ id: "1", words: words(3) });
  });

  test("a large body: small members at once, the transcript on first read, equal to JSON.parse", () => {
    const body = bytes(big());
    const out = parseJson(body) as Record<string, unknown>;
    expect(out.id).toBe("job-1");
    expect(out.status).toBe("completed");
    expect(isDeferred(out, "words")).toBe(true);
    expect(Object.keys(out)).toEqual(["id", "status", "words"]);
    expect(out.words).toEqual(words(3000));
    expect(isDeferred(out, "words")).toBe(false); // parsed once, then a plain property
    expect(JSON.parse(JSON.stringify(out))).toEqual(JSON.parse(body.toString()));
  });

  test("a deferred member can be replaced before it is read", () => {
    const out = parseJson(bytes(big())) as Record<string, unknown>;
    out.words = [];
    expect(out.words).toEqual([]);
  });

  test("malformed JSON anywhere in a large body is refused at once with 400, even inside the transcript", () => {
    const text = JSON.stringify(big());
    const broken = text.replace('"w2999"', '"w2999');
    const err = (() => {
      try {
        parseJson(Buffer.from(broken));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(WebhookError);
    expect((err as WebhookError).status).toBe(400);
    expect((err as WebhookError).code).toBe("body_malformed");
  });

  test("prototype poisoning is removed inside a deferred member too, and __proto__ is never deferred", () => {
    const text = JSON.stringify(big({ __proto__x: 1 }))
      .replace('"__proto__x":1', `"__proto__":{"polluted":true}`)
      .replace('{"word":"w5"', '{"__proto__":{"polluted":true},"word":"w5"');
    const out = parseJson(Buffer.from(text)) as { words: Record<string, unknown>[] };
    expect(Object.hasOwn(out, "__proto__")).toBe(false);
    expect((out.words[5] as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("a later duplicate key wins, as in JSON.parse, whichever of the two is large", () => {
    const large = JSON.stringify(words(3000));
    const smallLast = `{"id":"1","words":${large},"words":"small"}`;
    expect((parseJson(Buffer.from(smallLast)) as Record<string, unknown>).words).toBe("small");
    const largeLast = `{"id":"1","words":"small","words":${large}}`;
    expect((parseJson(Buffer.from(largeLast)) as Record<string, unknown>).words).toEqual(words(3000));
  });

  test("a body cannot forge the placeholder of a deferred member", () => {
    const out = parseJson(bytes(big({ fake: "\u0000scribehook-deferred-0000000000000000-0" }))) as Record<
      string,
      unknown
    >;
    expect(out.fake).toBe("\u0000scribehook-deferred-0000000000000000-0");
    expect(isDeferred(out, "fake")).toBe(false);
  });
});

describe("scanJson agrees with JSON.parse on generated texts", () => {
  const agrees = (text: string) => {
    let parses = true;
    try {
      JSON.parse(text);
    } catch {
      parses = false;
    }
    expect(scanJson(Buffer.from(text), 8) !== undefined).toBe(parses);
  };

  test("valid JSON of every shape, compact and indented", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, indent) => {
        agrees(JSON.stringify(value, null, indent));
      }),
      { numRuns: 500 },
    );
  });

  test("valid JSON with one byte changed, inserted or removed", () => {
    const mutated = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.constantFrom(...'{}[]",:.-+eE0159tfnul\\ \n\tx'),
        fc.constantFrom("set", "insert", "delete"),
      )
      .map(([text, at, ch, how]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        if (how === "set") return text.slice(0, i) + ch + text.slice(i + 1);
        if (how === "insert") return text.slice(0, i) + ch + text.slice(i);
        return text.slice(0, i) + text.slice(i + 1);
      });
    fc.assert(fc.property(mutated, agrees), { numRuns: 2000 });
  });

  test("arbitrary text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), agrees), { numRuns: 500 });
  });
});
