import { multipartBoundary, parseMultipart } from "@scribehook/core";
import { describe, expect, it } from "vitest";

// Plain Uint8Arrays, as the Fetch path reads them (no Buffer).
const bytes = (s: string) => new TextEncoder().encode(s);
const part = (b: string, headers: string, body: string) => `--${b}\r\n${headers}\r\n\r\n${body}\r\n`;

describe("multipart", () => {
  it("reads the boundary, quoted or not, and nothing from a header without one", () => {
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe("a b");
    expect(multipartBoundary("multipart/form-data; charset=utf-8; boundary=xyz")).toBe("xyz");
    expect(multipartBoundary("multipart/form-data")).toBeUndefined();
  });

  it("reads parts with names, filenames, types and exact bytes; ignores a preamble", () => {
    const body = bytes(
      `preamble\r\n${part("X", 'Content-Disposition: form-data; name="a"; filename="q\\"t.json"\r\nContent-Type: application/json; charset=utf-8', '{"k":1}')}` +
        `${part("X", 'Content-Disposition: form-data; name="b"', "line1\r\nline2")}--X--\r\n`,
    );
    const parts = parseMultipart(body, "X");
    expect(parts.map((p) => [p.name, p.filename, p.contentType, new TextDecoder().decode(p.body)])).toEqual([
      ["a", 'q"t.json', "application/json", '{"k":1}'],
      ["b", undefined, "", "line1\r\nline2"],
    ]);
  });

  it("refuses bodies that do not follow their boundary, parts without a name, and too many parts", () => {
    expect(() => parseMultipart(bytes("no boundary here"), "X")).toThrow(/boundary/);
    expect(() => parseMultipart(bytes(`${part("X", "Content-Type: text/plain", "x")}--X--`), "X")).toThrow(
      /name/,
    );
    const many = Array.from({ length: 65 }, (_, i) =>
      part("X", `Content-Disposition: form-data; name="p${i}"`, "v"),
    ).join("");
    expect(() => parseMultipart(bytes(`${many}--X--`), "X")).toThrow(/more than 64/);
    let error: any;
    try {
      parseMultipart(bytes("--X\r\nbroken"), "X");
    } catch (e) {
      error = e;
    }
    expect([error?.status, error?.code]).toEqual([400, "body_malformed"]);
  });

  // Why this parser and not Response.formData(): FormData turns a part without a filename into a
  // UTF-8-decoded string and drops its Content-Type, gives a file part without one a runtime's own
  // default, and Node's parser refuses a preamble. A delivery's parts must stay as they were sent.
  it("keeps a part's exact bytes and Content-Type, with or without a filename", () => {
    const raw = new Uint8Array([0xff, 0x00, 0xfe, 0x0d, 0x0a, 0x80]);
    const body = new Uint8Array([
      ...bytes('--X\r\nContent-Disposition: form-data; name="media"\r\nContent-Type: audio/wav\r\n\r\n'),
      ...raw,
      ...bytes('\r\n--X\r\nContent-Disposition: form-data; name="t"; filename="t.json"\r\n\r\n{}\r\n--X--'),
    ]);
    const parts = parseMultipart(body, "X");
    expect(parts.map((p) => [p.name, p.contentType, [...p.body]])).toEqual([
      ["media", "audio/wav", [...raw]],
      ["t", "", [0x7b, 0x7d]],
    ]);
  });
});
