import { builtinProviders } from "@scribehook/core";
import { beforeAll, describe, expect, it } from "vitest";
import { type BundleSize, bundle, CONDITIONS, ensureCoreBuilt, HANDLERS } from "../../scripts/bundle-size";

// A Fetch handler bundled as Workers and Vercel's edge runtime bundle it (esbuild, platform neutral,
// their conditions) from the built package: it carries only the providers it imports, and nothing
// that needs Node.
const [one, all, optIn] = Object.values(HANDLERS);
const names = Object.values(builtinProviders).map((p) => p.name);

describe.each(Object.entries(CONDITIONS))("an edge bundle with the %s conditions", (_, conditions) => {
  let single: BundleSize;
  let every: BundleSize;
  let withOptIns: BundleSize;
  beforeAll(async () => {
    ensureCoreBuilt();
    [single, every, withOptIns] = await Promise.all([
      bundle(one!, conditions),
      bundle(all!, conditions),
      bundle(optIn!, conditions),
    ]);
  }, 240_000);

  it("of one provider contains that provider and no other one's code", () => {
    expect(single.code).toContain('"AssemblyAI"');
    const others = names.filter((n) => n !== "AssemblyAI" && single.code.includes(`"${n}"`));
    expect(others).toEqual([]);
    // The check can fail: the all-providers bundle has every name.
    expect(names.filter((n) => !every.code.includes(`"${n}"`))).toEqual([]);
  });

  it("imports no Node built-in, uses no Buffer, and carries neither raw-body nor iconv-lite", () => {
    for (const { code } of [single, every]) {
      expect(code).not.toMatch(/["']node:|require\(|\bBuffer\b|iconv|raw-body/);
    }
  });

  it("carries a result client, the watchdog and the URL signer only when the options give them", () => {
    // AssemblyAI's API host is in its result client only, the SHA-256 table (synchronous signing) in
    // the signer, the events the watchdog's status poll makes in the watchdog.
    const markers = ["api.assemblyai.com", "1116352408", 'source:"poll"'];
    for (const marker of markers) {
      expect(single.code).not.toContain(marker);
      expect(withOptIns.code).toContain(marker);
    }
    expect(withOptIns.gzipped).toBeGreaterThan(single.gzipped);
  });

  it("carries the multipart reader only with a provider that accepts multipart (Speechmatics)", () => {
    const marker = "no Content-Disposition name";
    expect(single.code).not.toContain(marker);
    expect(every.code).toContain(marker);
  });

  it("carries the allowIps checker only when the options give ipAllowList", () => {
    const marker = "is not an IPv4/IPv6 address or CIDR range";
    expect(single.code).not.toContain(marker);
    expect(withOptIns.code).toContain(marker);
  });

  it("carries the queue's enqueuer only when the options give enqueueOnce", () => {
    const marker = "queue_unavailable";
    expect(single.code).not.toContain(marker);
    expect(withOptIns.code).toContain(marker);
  });

  // Issue 13's goals are 10 KB for one provider and 25 KB for all. All providers is met. One provider
  // measured 13.8 KB once result readers, the watchdog, URL signing, the allowIps checker, the queue's
  // enqueuer and the multipart reader became opt-in (and memoryStore gained its slot flags): what
  // remains is receiving itself (see BENCHMARKS.md), so this guard holds that line at 14.1 KB.
  it("stays within its size budgets (one provider 14.1 KB, all providers 25 KB gzipped)", () => {
    expect(every.gzipped).toBeLessThanOrEqual(25 * 1024);
    expect(single.gzipped).toBeLessThanOrEqual(14.1 * 1024);
    expect(single.gzipped).toBeLessThan(every.gzipped);
  });
});
