import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8Text as active } from "#utf8";
import { utf8Text as node } from "../../src/primitives/utf8-node";
import { utf8Text as web } from "../../src/primitives/utf8-web";

// Both `#utf8` modules must read every byte sequence exactly as the WHATWG UTF-8 decoder does
// (TextDecoder, not fatal): Node's reads all-ASCII bytes as Latin-1, which must change nothing.

const decoder = new TextDecoder();
const encoder = new TextEncoder();

describe.each([
  ["utf8-node", node],
  ["utf8-web", web],
])("%s reads bytes as TextDecoder does", (_name, utf8Text) => {
  it("any bytes, invalid UTF-8 included", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expect(utf8Text(bytes)).toBe(decoder.decode(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it("texts of every script, and ASCII texts, encoded", () => {
    const texts = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.string({ maxLength: 300 }));
    fc.assert(
      fc.property(texts, (text) => {
        expect(utf8Text(encoder.encode(text))).toBe(decoder.decode(encoder.encode(text)));
      }),
      { numRuns: 1000 },
    );
  });

  it("a view into a larger buffer reads only its own bytes", () => {
    const whole = encoder.encode('xx{"id":"job-1"}yy');
    const view = whole.subarray(2, whole.length - 2);
    expect(utf8Text(view)).toBe('{"id":"job-1"}');
    expect(utf8Text(Buffer.from(view))).toBe('{"id":"job-1"}');
  });

  it("a leading BOM is dropped and a high byte is not read as Latin-1", () => {
    expect(utf8Text(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe("{}");
    expect(utf8Text(new Uint8Array([0x22, 0xe9, 0x22]))).toBe('"\ufffd"');
    expect(utf8Text(encoder.encode('"é"'))).toBe('"é"');
  });

  it("a body over 1 MB, all ASCII and with one character that is not", () => {
    const ascii = `{"words":"${"word ".repeat(300_000)}"}`;
    expect(utf8Text(encoder.encode(ascii))).toBe(ascii);
    const other = `${ascii.slice(0, 1_000_000)}€${ascii.slice(1_000_000)}`;
    expect(utf8Text(encoder.encode(other))).toBe(other);
  });
});

describe("the #utf8 this test project runs with", () => {
  it("is the one vitest.config.ts names for it", () => {
    expect(active).toBe(process.env.SCRIBEHOOK_PRIMITIVES === "web" ? web : node);
  });
});
