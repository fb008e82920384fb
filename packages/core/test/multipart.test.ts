import { multipartBoundary, parseMultipart } from "@scribehook/core";
import { describe, expect, it } from "vitest";

const part = (b: string, headers: string, body: string) => `--${b}\r\n${headers}\r\n\r\n${body}\r\n`;

describe("multipart", () => {
  it("reads the boundary, quoted or not, and nothing from a header without one", () => {
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe("a b");
    expect(multipartBoundary("multipart/form-data; charset=utf-8; boundary=xyz")).toBe("xyz");
    expect(multipartBoundary("multipart/form-data")).toBeUndefined();
  });

  it("reads parts with names, filenames, types and exact bytes; ignores a preamble", () => {
    const body = Buffer.from(
      `preamble\r\n${part("X", 'Content-Disposition: form-data; name="a"; filename="q\\"t.json"\r\nContent-Type: application/json; charset=utf-8', '{"k":1}')}` +
        `${part("X", 'Content-Disposition: form-data; name="b"', "line1\r\nline2")}--X--\r\n`,
    );
    const parts = parseMultipart(body, "X");
    expect(parts.map((p) => [p.name, p.filename, p.contentType, p.body.toString()])).toEqual([
      ["a", 'q"t.json', "application/json", '{"k":1}'],
      ["b", undefined, "", "line1\r\nline2"],
    ]);
  });

  it("refuses bodies that do not follow their boundary, parts without a name, and too many parts", () => {
    expect(() => parseMultipart(Buffer.from("no boundary here"), "X")).toThrow(/boundary/);
    expect(() =>
      parseMultipart(Buffer.from(part("X", "Content-Type: text/plain", "x") + "--X--"), "X"),
    ).toThrow(/name/);
    const many = Array.from({ length: 65 }, (_, i) =>
      part("X", `Content-Disposition: form-data; name="p${i}"`, "v"),
    ).join("");
    expect(() => parseMultipart(Buffer.from(`${many}--X--`), "X")).toThrow(/more than 64/);
    let error: any;
    try {
      parseMultipart(Buffer.from("--X\r\nbroken"), "X");
    } catch (e) {
      error = e;
    }
    expect([error?.status, error?.code]).toEqual([400, "body_malformed"]);
  });
});
