import { describe, expect, it } from "vitest";
import { clock, isoDuration, segmentsFromWords, wholeText } from "../../src/transcript/shape";

// The time readers the result mappings share: Azure's ISO 8601 durations, clock times (Rev.com,
// caption-like formats). A wrong or malformed value must read as "no time" (undefined), never as 0 by
// accident or a crash.

describe("isoDuration", () => {
  it("reads days, hours, minutes and fractional seconds", () => {
    expect(isoDuration("PT1M2.5S")).toBe(62.5);
    expect(isoDuration("P1DT2H")).toBe(93_600);
    expect(isoDuration("PT0.04S")).toBeCloseTo(0.04);
    expect(isoDuration(" PT3S ")).toBe(3);
  });

  it("rejects what is not a duration: bare P, a dangling T, other text, numbers", () => {
    for (const v of ["P", "PT", "P1DT", "1S", "PT1X", "", 5, null, undefined]) {
      expect(isoDuration(v)).toBeUndefined();
    }
  });
});

describe("clock", () => {
  it("reads HH:MM:SS,mmm, HH:MM:SS.mmm, MM:SS and short fractions; numbers as seconds", () => {
    expect(clock("00:01:02,500")).toBe(62.5);
    expect(clock("01:00:00.250")).toBe(3600.25);
    expect(clock("02:03")).toBe(123);
    expect(clock("00:00:01.5")).toBe(1.5);
    expect(clock(4.25)).toBe(4.25);
  });

  it("rejects malformed clock times and non-finite numbers", () => {
    for (const v of [
      "1:2:3:4",
      "aa:bb",
      "00:00:01.5000",
      "",
      Number.NaN,
      Number.POSITIVE_INFINITY,
      null,
      {},
    ]) {
      expect(clock(v)).toBeUndefined();
    }
  });
});

describe("segmentsFromWords / wholeText", () => {
  it("no words: no segments; whitespace-only text: no segments", () => {
    expect(segmentsFromWords([])).toEqual([]);
    expect(wholeText("  \n")).toEqual([]);
  });

  it("wholeText trims and spans 0 → the given end (0 by default)", () => {
    expect(wholeText(" Hi. ")).toEqual([{ text: "Hi.", startSecond: 0, endSecond: 0 }]);
    expect(wholeText("Hi.", 2)).toEqual([{ text: "Hi.", startSecond: 0, endSecond: 2 }]);
  });
});
