import { describe, expect, it } from "vitest";
import { verifyTimestamp, WebhookError } from "../../src/index";

const now = 1_700_000_000_000; // ms
const nowS = now / 1000;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WebhookError);
    expect((e as WebhookError).status).toBe(401);
    return (e as WebhookError).code;
  }
  return "accepted";
}

describe("verifyTimestamp", () => {
  it("accepts now, as number and as string, and returns the seconds", () => {
    expect(verifyTimestamp(nowS, { now })).toBe(nowS);
    expect(verifyTimestamp(String(nowS), { now })).toBe(nowS);
    expect(verifyTimestamp(` ${nowS} `, { now })).toBe(nowS);
  });
  it("uses a 300 s window by default, inclusive at both edges", () => {
    expect(codeOf(() => verifyTimestamp(nowS - 300, { now }))).toBe("accepted");
    expect(codeOf(() => verifyTimestamp(nowS + 300, { now }))).toBe("accepted");
    expect(codeOf(() => verifyTimestamp(nowS - 301, { now }))).toBe("timestamp_too_old");
    expect(codeOf(() => verifyTimestamp(nowS + 301, { now }))).toBe("timestamp_too_new");
  });
  it("rejects too old and too new with a custom tolerance", () => {
    expect(codeOf(() => verifyTimestamp(nowS - 1801, { now, toleranceSeconds: 1800 }))).toBe(
      "timestamp_too_old",
    );
    expect(codeOf(() => verifyTimestamp(nowS - 1800, { now, toleranceSeconds: 1800 }))).toBe("accepted");
    expect(codeOf(() => verifyTimestamp(nowS + 1801, { now, toleranceSeconds: 1800 }))).toBe(
      "timestamp_too_new",
    );
    expect(codeOf(() => verifyTimestamp(nowS + 2, { now, toleranceSeconds: 0 }))).toBe("timestamp_too_new");
  });
  it("floors a now that is not on a whole second, as the Standard Webhooks libraries do", () => {
    // At t + 300.5 s the standardwebhooks / svix / openai verifiers still accept; so do we.
    expect(codeOf(() => verifyTimestamp(nowS - 300, { now: now + 500 }))).toBe("accepted");
    expect(codeOf(() => verifyTimestamp(nowS - 300, { now: now + 999 }))).toBe("accepted");
    expect(codeOf(() => verifyTimestamp(nowS - 301, { now: now + 500 }))).toBe("timestamp_too_old");
    expect(codeOf(() => verifyTimestamp(nowS + 300, { now: now + 500 }))).toBe("accepted");
    expect(codeOf(() => verifyTimestamp(nowS + 301, { now: now + 999 }))).toBe("timestamp_too_new");
  });
  it("rejects missing and garbage timestamps as timestamp_missing", () => {
    for (const bad of [
      undefined,
      "",
      "abc",
      "1.5e9",
      "-1700000000",
      "0x10",
      "1700000000ms",
      "12345678901234",
      NaN,
      Infinity,
    ]) {
      expect(codeOf(() => verifyTimestamp(bad as string, { now }))).toBe("timestamp_missing");
    }
  });
  it("rejects milliseconds given where seconds are expected", () => {
    expect(codeOf(() => verifyTimestamp(now, { now }))).toBe("timestamp_too_new");
  });
  it("uses the real clock by default", () => {
    expect(codeOf(() => verifyTimestamp(Math.floor(Date.now() / 1000)))).toBe("accepted");
    expect(codeOf(() => verifyTimestamp(Math.floor(Date.now() / 1000) - 3600))).toBe("timestamp_too_old");
  });
});
