import { describe, expect, it } from "vitest";
import { headerCounter, requestHeaders } from "../src/header-count";
import { createReceiver } from "../src/index";

describe("headerCounter", () => {
  it("with Node's rawHeaders: counts every repeat exactly, reads values from Node's headers", () => {
    const { header, count } = requestHeaders({
      headers: { authorization: "Bearer a", "x-one": "a, b", "set-cookie": ["c=1", "c=2"] },
      rawHeaders: [
        "Authorization",
        "Bearer a",
        "x-one",
        "a, b",
        "AUTHORIZATION",
        "Bearer b",
        "Set-Cookie",
        "c=1",
        "set-cookie",
        "c=2",
      ],
    });
    expect(count("Authorization")).toBe(2);
    expect(count("x-one")).toBe(1);
    expect(count("x-none")).toBe(0);
    expect(header("Authorization")).toBe("Bearer a"); // Node's choice: the first
    expect(header("x-one")).toBe("a, b");
    expect(header("set-cookie")).toBe("c=1, c=2");
    expect(header("x-none")).toBeUndefined();
  });

  it("without rawHeaders: arrays by length, a value joined with ', ' as repeated", () => {
    const count = headerCounter({ "x-a": ["1", "2", "3"], "x-b": "1, 2", "x-c": "t=1,v0=ab" });
    expect([count("x-a"), count("x-b"), count("x-c")]).toEqual([3, 2, 1]);
    const fetchHeaders = new Headers();
    fetchHeaders.append("x-token", "right");
    fetchHeaders.append("x-token", "wrong");
    expect(headerCounter(fetchHeaders)("x-token")).toBe(2);
    expect(headerCounter(new Headers({ "x-token": "right" }))("x-token")).toBe(1);
    expect(
      headerCounter([
        ["X-T", "1"],
        ["x-t", "2"],
      ] as [string, string][])("x-t"),
    ).toBe(2);
  });
});

describe("configured header values", () => {
  it("may not contain ', ' (it could not be told from a repeated header)", () => {
    expect(() =>
      createReceiver({ providers: { assemblyai: { headers: { "x-webhook-token": "a, b" } } } }),
    ).toThrow(/providers\.assemblyai\.headers\["x-webhook-token"\].*", "/);
  });
});
