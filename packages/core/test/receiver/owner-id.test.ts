import { describe, expect, it } from "vitest";
import { ownerId } from "../../src/receiver/owner-id";

describe("ownerId", () => {
  it("is unique per call and carries a random per-process prefix", () => {
    const ids = Array.from({ length: 1000 }, () => ownerId());
    expect(new Set(ids).size).toBe(1000);
    const prefixes = new Set(ids.map((id) => id.slice(0, id.lastIndexOf(":"))));
    expect(prefixes.size).toBe(1);
    expect([...prefixes][0]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
