import { describe, expect, it } from "vitest";
import { retrySchedules, scheduleFor } from "../../src/cli/retry-schedules";

describe("retry schedules (as the providers document them)", () => {
  it("holds the documented schedules", () => {
    expect(scheduleFor("assemblyai").delays).toHaveLength(9); // 10 attempts in all
    expect(scheduleFor("assemblyai").stopsOn4xx).toBe(true);
    expect(scheduleFor("scriptix").delays).toEqual([60, 120, 300, 900, 1800]);
    expect(scheduleFor("revai").delays.reduce((a, b) => a + b, 0)).toBe(24 * 3600);
    expect(scheduleFor("deepgram").delays).toEqual(Array(10).fill(30));
    expect(scheduleFor("elevenlabs").stopsOn4xx).toBe(true);
    expect(scheduleFor("verbit").requiredBody).toBe("OK");
  });

  it("marks every assumption: unconfirmed schedules say what was assumed", () => {
    for (const [id, s] of Object.entries(retrySchedules)) {
      expect(s.source, id).not.toBe("");
      if (!s.confirmed) expect(s.assumption, id).toBeTruthy();
    }
    expect(scheduleFor("gladia")).toMatchObject({ delays: [], documented: false, assumption: "one attempt" });
  });

  it("applies --attempts and --interval", () => {
    expect(scheduleFor("scriptix", { attempts: 3 }).delays).toEqual([60, 120]);
    expect(scheduleFor("scriptix", { attempts: 8 }).delays).toEqual([60, 120, 300, 900, 1800, 1800, 1800]);
    expect(scheduleFor("deepgram", { interval: 5 }).delays).toEqual(Array(10).fill(5));
    expect(scheduleFor("gladia", { attempts: 3, interval: 10 }).delays).toEqual([10, 10]);
    expect(scheduleFor("gladia", { attempts: 1 }).delays).toEqual([]);
  });
});
