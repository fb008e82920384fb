import fc from "fast-check";
import sjson from "secure-json-parse";
import { describe, expect, test } from "vitest";
import { WebhookError } from "../../src/errors";
import { parseJson } from "../../src/json/parse-json";

const words = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ word: `w${i}`, start: i / 3, end: i / 3 + 0.25, speaker: "A" }));
/** A body of about 200 KB, with its transcript in `words`. */
const big = (extra: Record<string, unknown> = {}) => ({
  id: "job-1",
  status: "completed",
  words: words(3000),
  ...extra,
});
const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const text = (s: string) => new TextEncoder().encode(s);

/** What parseJson threw, or `undefined`. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("parseJson accepts exactly what JSON.parse accepts", () => {
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
  test.each(valid)("valid: %j", (t) => {
    expect(parseJson(text(t))).toEqual(JSON.parse(t.replace(/^\ufeff/, "")));
  });
  test.each(invalid)("invalid: %j → 400 body_malformed", (t) => {
    expect(() => JSON.parse(t)).toThrow();
    const err = thrown(() => parseJson(text(t)));
    expect(err).toBeInstanceOf(WebhookError);
    expect([(err as WebhookError).status, (err as WebhookError).code]).toEqual([400, "body_malformed"]);
  });
});

describe("parseJson", () => {
  test("a large body is parsed once, eagerly, into plain data properties equal to JSON.parse", () => {
    const body = bytes(big());
    expect(body.length).toBeGreaterThan(64 * 1024);
    const out = parseJson(body) as Record<string, unknown>;
    for (const key of Object.keys(out)) {
      const d = Object.getOwnPropertyDescriptor(out, key)!;
      expect([key, typeof d.get, "value" in d]).toEqual([key, "undefined", true]);
    }
    expect(out).toEqual(JSON.parse(new TextDecoder().decode(body)));
  });

  test("the result of a large body can be frozen, cloned and stringified", () => {
    const out = parseJson(bytes(big())) as Record<string, unknown>;
    const copy = structuredClone(out);
    expect(copy).toEqual(big());
    expect(JSON.parse(JSON.stringify(out))).toEqual(big());
    expect(Object.isFrozen(Object.freeze(out))).toBe(true);
    expect(out.words).toEqual(words(3000));
  });

  test("malformed JSON anywhere in a large body is refused with 400, even inside the transcript", () => {
    const broken = JSON.stringify(big()).replace('"w2999"', '"w2999');
    const err = thrown(() => parseJson(text(broken)));
    expect(err).toBeInstanceOf(WebhookError);
    expect([(err as WebhookError).status, (err as WebhookError).code]).toEqual([400, "body_malformed"]);
  });

  test("prototype poisoning is removed anywhere in a large body, also when the key is escaped", () => {
    const t = JSON.stringify(big({ __proto__x: 1 }))
      .replace('"__proto__x":1', `"__proto__":{"polluted":true}`)
      .replace('{"word":"w5"', '{"\\u005f_proto__":{"polluted":true},"word":"w5"')
      .replace('{"word":"w9"', '{"constructor":{"prototype":{"polluted":true}},"word":"w9"');
    const out = parseJson(text(t)) as { words: Record<string, unknown>[] };
    expect(Object.hasOwn(out, "__proto__")).toBe(false);
    expect(Object.hasOwn(out.words[5]!, "__proto__")).toBe(false);
    expect(out.words[5]!.polluted).toBeUndefined();
    expect(out.words[9]!.constructor).toBe(Object);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("a later duplicate key wins, as in JSON.parse", () => {
    const large = JSON.stringify(words(3000));
    expect((parseJson(text(`{"id":"1","words":${large},"words":"small"}`)) as any).words).toBe("small");
    expect((parseJson(text(`{"id":"1","words":"small","words":${large}}`)) as any).words).toEqual(
      words(3000),
    );
  });

  test("invalid UTF-8 is read as U+FFFD, as before", () => {
    const body = new Uint8Array([...text('{"name":"'), 0xff, ...text('"}')]);
    expect(parseJson(body)).toEqual({ name: "\ufffd" });
  });
});

describe("parseJson agrees with JSON.parse on generated texts", () => {
  const agrees = (t: string) => {
    let expected: unknown;
    let parses = true;
    try {
      expected = JSON.parse(t);
    } catch {
      parses = false;
    }
    const err = thrown(() => parseJson(text(t)));
    expect(err === undefined).toBe(parses);
    if (parses && !/__proto__|constructor/.test(t)) expect(parseJson(text(t))).toEqual(expected);
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
      .map(([t, at, ch, how]) => {
        const i = t.length === 0 ? 0 : at % t.length;
        if (how === "set") return t.slice(0, i) + ch + t.slice(i + 1);
        if (how === "insert") return t.slice(0, i) + ch + t.slice(i);
        return t.slice(0, i) + t.slice(i + 1);
      });
    fc.assert(fc.property(mutated, agrees), { numRuns: 2000 });
  });
});

// The same idea as secure-json-parse, without the dependency (and its Buffer branch) on the Fetch
// path: its parse with the "remove" actions is the oracle.
describe("parseJson removes what secure-json-parse removes", () => {
  const poison = fc.constantFrom(
    '"__proto__":{"polluted":1}',
    '"\\u005f_proto__":{"polluted":1}',
    '"constructor":{"prototype":{"polluted":1}}',
    '"constructor":{"\\u0070rototype":{"polluted":1}}',
    '"c\\u006fnstructor":{"prototype":{"polluted":1}}',
    '"constructor":{"prototype":"a string"}',
    '"constructor":{"name":"kept","note":"a prototype, a protocol"}',
    '"constructor":{"name":"kept"}',
    '"constructor":"kept"',
    '"__proto__":null',
  );
  test("on objects with poisonous keys at any depth", () => {
    fc.assert(
      fc.property(fc.jsonValue(), poison, (value, key) => {
        // Poison goes where the marker keys are; both parsers get the same text.
        const marked = JSON.stringify({ a: value, "\u0001": 0, b: [{ c: { "\u0001": 0, d: 2 } }] });
        const poisoned = marked.replaceAll('"\\u0001":0', key);
        const expected = sjson.parse(poisoned, undefined, {
          protoAction: "remove",
          constructorAction: "remove",
        });
        expect(parseJson(text_(poisoned))).toEqual(expected);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});

function text_(s: string) {
  return new TextEncoder().encode(s);
}
