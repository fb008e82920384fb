import { describe, expect, it } from "vitest";
import { safeEqual } from "../../src/index";

describe("safeEqual", () => {
  it("is true for equal strings and equal bytes, mixed too", () => {
    expect(safeEqual("token-123", "token-123")).toBe(true);
    expect(safeEqual(Buffer.from("token-123"), "token-123")).toBe(true);
    expect(safeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(safeEqual("", "")).toBe(true);
  });
  it("is false for different values of the same length", () => {
    expect(safeEqual("token-123", "token-124")).toBe(false);
  });
  it("is false for prefixes and different lengths, without throwing", () => {
    expect(safeEqual("token", "token-123")).toBe(false);
    expect(safeEqual("token-123", "token")).toBe(false);
    expect(safeEqual("", "x")).toBe(false);
  });
  it("compares bytes, not characters (unicode)", () => {
    expect(safeEqual("é", "é")).toBe(true);
    expect(safeEqual("é", "e\u0301")).toBe(false);
  });
  it("is case-sensitive", () => {
    expect(safeEqual("Bearer abc", "bearer abc")).toBe(false);
  });
});
