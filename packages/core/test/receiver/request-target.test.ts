import { describe, expect, it } from "vitest";
import { pathnameOf, urlOf } from "../../src/receiver/request-target";

const viaUrl = (target: string): string => {
  try {
    return new URL(target, "http://localhost").pathname;
  } catch {
    return "/";
  }
};

describe("pathnameOf", () => {
  // The fast path must give exactly what new URL() gives, or routing would differ from the URL
  // providers read (and from what it was before the fast path).
  const targets = [
    "/",
    "/webhooks/assemblyai",
    "/webhooks/assemblyai/",
    "/webhooks/assemblyai?transcript_id=1&sh_token=x",
    "/webhooks/rev_ai-2?x",
    "?only=query",
    "",
    "//evil.example/webhooks/assemblyai",
    "/webhooks/../admin",
    "/webhooks/./assemblyai",
    "/webhooks/%61ssemblyai",
    "/webhooks/assembly ai",
    "/webhooks\\assemblyai",
    "/webhooks/assemblyai#frag?x=1",
    "/webhooks//assemblyai",
    "/wébhooks/assemblyai",
    "http://other.example/webhooks/assemblyai?x=1",
    "http://[bad",
    "/webhooks/assemblyai;v=1",
  ];
  it.each(targets)("reads %j as new URL() does", (target) => {
    expect(pathnameOf(target)).toBe(viaUrl(target));
  });

  it("agrees with new URL() on random targets built from path characters", () => {
    const alphabet = ["/", "a", "Z", "0", "-", "_", ".", "%2e", "%", " ", "?", "#", "\\", "~", "é", ":"];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 5000; n++) {
      let target = "/";
      const length = next() % 12;
      for (let i = 0; i < length; i++) target += alphabet[next() % alphabet.length];
      expect(pathnameOf(target), target).toBe(viaUrl(target));
    }
  });
});

describe("urlOf", () => {
  it("resolves a target against http://localhost, and one that does not parse to the root", () => {
    expect(urlOf("/webhooks/azure?validationToken=a%20b").searchParams.get("validationToken")).toBe("a b");
    expect(urlOf("http://[bad").href).toBe("http://localhost/");
  });
});
