import { describe, expect, it } from "vitest";
import { WebhookError } from "../src/index";
import { parseBody } from "../src/parse-body";

const JSON_FORM = ["json", "form"] as const;
const b = (s: string) => Buffer.from(s);

function errOf(fn: () => unknown): WebhookError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WebhookError);
    return e as WebhookError;
  }
  throw new Error("expected a throw");
}

describe("parseBody", () => {
  it("parses JSON by media type, +json suffixes and a BOM included", () => {
    expect(parseBody(b('{"id":"1"}'), "application/json", ["json"])).toEqual({ id: "1" });
    expect(parseBody(b('{"id":"1"}'), "application/cloudevents+json", ["json"])).toEqual({ id: "1" });
    expect(parseBody(b('\uFEFF{"id":"1"}'), "application/json", ["json"])).toEqual({ id: "1" });
  });
  it("drops __proto__ keys: nothing is polluted, the object's prototype is untouched", () => {
    const out = parseBody(
      b('{"id":"1","__proto__":{"polluted":"yes","isAdmin":true},"nested":{"__proto__":{"x":1}}}'),
      "application/json",
      ["json"],
    ) as Record<string, any>;
    expect(out.id).toBe("1");
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.polluted).toBeUndefined();
    expect(out.isAdmin).toBeUndefined();
    expect(Object.hasOwn(out, "__proto__")).toBe(false);
    expect(Object.hasOwn(out.nested, "__proto__")).toBe(false);
    expect(({} as any).polluted).toBeUndefined();
  });
  it("drops constructor.prototype keys", () => {
    const out = parseBody(
      b('{"id":"1","constructor":{"prototype":{"polluted":"yes"}}}'),
      "application/json",
      ["json"],
    ) as Record<string, any>;
    expect(out.id).toBe("1");
    expect(out.constructor).toBe(Object);
    expect(({} as any).polluted).toBeUndefined();
  });
  it("parses forms into a null-prototype object; first value of a repeated field wins", () => {
    const out = parseBody(
      b("id=tr%201&status=complete&status=cancelled&__proto__=x&constructor=y"),
      "application/x-www-form-urlencoded",
      JSON_FORM,
    ) as Record<string, string>;
    expect(Object.getPrototypeOf(out)).toBe(null);
    expect(Object.keys(out)).toEqual(["id", "status", "__proto__", "constructor"]);
    expect(Object.values(out)).toEqual(["tr 1", "complete", "x", "y"]);
    expect(({} as any).x).toBeUndefined();
  });
  it("sniffs JSON or form when the content type is missing", () => {
    expect(parseBody(b('  \n{"id":"1"}'), "", JSON_FORM)).toEqual({ id: "1" });
    expect(parseBody(b("[1,2]"), "", JSON_FORM)).toEqual([1, 2]);
    expect({ ...(parseBody(b("id=1&status=complete"), "", JSON_FORM) as object) }).toEqual({
      id: "1",
      status: "complete",
    });
  });
  it("refuses a sniffed format the provider does not send (415, as RFC 9110 allows after inspecting the data)", () => {
    expect(errOf(() => parseBody(b("id=1"), "", ["json"])).status).toBe(415);
  });
  it("reads an empty body as {}", () => {
    expect(parseBody(Buffer.alloc(0), "application/json", ["json"])).toEqual({});
    expect(parseBody(Buffer.alloc(0), "", ["json"])).toEqual({});
  });
  it("answers 415 unsupported_media_type for types the provider does not send, naming what it expects", () => {
    const e = errOf(() => parseBody(b("<xml/>"), "application/xml", JSON_FORM));
    expect(e.status).toBe(415);
    expect(e.code).toBe("unsupported_media_type");
    expect(e.message).toContain("application/xml");
    expect(e.message).toContain("json or form");
    expect(errOf(() => parseBody(b("id=1"), "application/x-www-form-urlencoded", ["json"])).code).toBe(
      "unsupported_media_type",
    );
    expect(errOf(() => parseBody(b("hi"), "text/plain", ["json"])).code).toBe("unsupported_media_type");
  });
  it("parses text only when the provider sends text", () => {
    expect(parseBody(b("hello"), "text/plain", ["text"])).toBe("hello");
  });
  it("answers 400 body_malformed for invalid JSON", () => {
    for (const bad of ['{"id":', "{'id':1}", "{} trailing", "nul"]) {
      const e = errOf(() => parseBody(b(bad), "application/json", ["json"]));
      expect(e.status).toBe(400);
      expect(e.code).toBe("body_malformed");
    }
  });
  it("answers 400 for JSON that is not an object or array (no provider sends one)", () => {
    for (const bad of ["null", "42", '"text"', "true"]) {
      const e = errOf(() => parseBody(b(bad), "application/json", ["json"]));
      expect(e.status).toBe(400);
      expect(e.code).toBe("body_malformed");
    }
  });
});
