import { describe, expect, it } from "vitest";
import { headerCounter } from "../src/header-count";
import { createReceiver } from "../src/index";

describe("headerCounter", () => {
  it("counts Node's headersDistinct exactly, whatever the joined headers say", () => {
    const count = headerCounter(
      { authorization: "Bearer a" },
      { authorization: ["Bearer a", "Bearer b"], "x-one": ["a, b"] },
    );
    expect(count("Authorization")).toBe(2);
    expect(count("x-one")).toBe(1);
    expect(count("x-none")).toBe(0);
  });

  it("without headersDistinct: arrays by length, a value joined with ', ' as repeated", () => {
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
