import { describe, expect, it } from "vitest";
import { parseBytes, parseDuration } from "../src/index";

describe("parseBytes", () => {
  it("takes numbers as bytes", () => {
    expect(parseBytes(0)).toBe(0);
    expect(parseBytes(1024)).toBe(1024);
    expect(parseBytes(10.9)).toBe(10);
  });
  it("reads units case-insensitively, with spaces and decimals", () => {
    expect(parseBytes("20mb")).toBe(20 * 1024 * 1024);
    expect(parseBytes("512kb")).toBe(512 * 1024);
    expect(parseBytes("1.5 MB")).toBe(1.5 * 1024 * 1024);
    expect(parseBytes("1gb")).toBe(1024 ** 3);
    expect(parseBytes("100")).toBe(100);
    expect(parseBytes("100b")).toBe(100);
  });
  it("throws a TypeError naming the option and the value", () => {
    for (const bad of ["", "mb", "-1mb", "20 megabytes", "1e3", -5, Number.NaN, Infinity, {} as any]) {
      expect(() => parseBytes(bad, "maxBodyBytes")).toThrow(TypeError);
      expect(() => parseBytes(bad, "maxBodyBytes")).toThrow(/maxBodyBytes: expected/);
    }
  });
});

describe("parseDuration", () => {
  it("takes numbers as milliseconds", () => {
    expect(parseDuration(300)).toBe(300);
    expect(parseDuration(1500)).toBe(1500);
    expect(parseDuration(0.5)).toBe(0.5);
    expect(parseDuration(0)).toBe(0);
  });
  it("reads ms, s, m, h, d, w", () => {
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("45s")).toBe(45_000);
    expect(parseDuration("30m")).toBe(1_800_000);
    expect(parseDuration("2h")).toBe(7_200_000);
    expect(parseDuration("14d")).toBe(1_209_600_000);
    expect(parseDuration("1w")).toBe(604_800_000);
    expect(parseDuration(" 1.5 H ")).toBe(5_400_000);
  });
  it("throws a TypeError naming the option and the value", () => {
    for (const bad of ["", "14", "d", "-1d", "1y", "14 days", -1, Number.NaN, Infinity]) {
      expect(() => parseDuration(bad, "dedupeTtl")).toThrow(TypeError);
      expect(() => parseDuration(bad, "dedupeTtl")).toThrow(/dedupeTtl: expected milliseconds or a string/);
    }
  });
});
