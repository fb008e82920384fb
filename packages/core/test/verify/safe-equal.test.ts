import { describe, expect, it } from "vitest";
import { safeEqual } from "../../src/index";

describe("safeEqual", () => {
  it("is true for equal strings and equal bytes, mixed too", async () => {
    expect(await safeEqual("token-123", "token-123")).toBe(true);
    expect(await safeEqual(Buffer.from("token-123"), "token-123")).toBe(true);
    expect(await safeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(await safeEqual("", "")).toBe(true);
  });
  it("is false for different values of the same length", async () => {
    expect(await safeEqual("token-123", "token-124")).toBe(false);
  });
  it("is false for prefixes and different lengths, without throwing", async () => {
    expect(await safeEqual("token", "token-123")).toBe(false);
    expect(await safeEqual("token-123", "token")).toBe(false);
    expect(await safeEqual("", "x")).toBe(false);
  });
  it("compares bytes, not characters (unicode)", async () => {
    expect(await safeEqual("é", "é")).toBe(true);
    expect(await safeEqual("é", "e\u0301")).toBe(false);
  });
  it("is case-sensitive", async () => {
    expect(await safeEqual("Bearer abc", "bearer abc")).toBe(false);
  });
});
