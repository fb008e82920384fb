import { builtinProviders } from "@scribehook/core";
import { beforeAll, describe, expect, it } from "vitest";
import { type BundleSize, bundle, CONDITIONS, ensureCoreBuilt, HANDLERS } from "../../scripts/bundle-size";

// A Fetch handler bundled as Workers and Vercel's edge runtime bundle it (esbuild, platform neutral,
// their conditions) from the built package: it carries only the providers it imports, and nothing
// that needs Node.
const [one, all] = Object.values(HANDLERS);
const names = Object.values(builtinProviders).map((p) => p.name);

describe.each(Object.entries(CONDITIONS))("an edge bundle with the %s conditions", (_, conditions) => {
  let single: BundleSize;
  let every: BundleSize;
  beforeAll(async () => {
    ensureCoreBuilt();
    [single, every] = await Promise.all([bundle(one!, conditions), bundle(all!, conditions)]);
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

  it("stays within the size goal for all providers (25 KB gzipped)", () => {
    expect(every.gzipped).toBeLessThanOrEqual(25 * 1024);
    expect(single.gzipped).toBeLessThan(every.gzipped);
  });
});
