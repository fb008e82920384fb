import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// The repository stands on its own: it cites public documentation, never a design note or a path
// that exists only on the machine it was written on, and it carries the license its packages declare.

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const self = "test/repo/self-contained.test.ts";

/** Patterns that point outside the repository. */
const OUTSIDE = [
  /\bDESIGN\.md\b/,
  /\bPROVIDERS\.md\b/,
  /\.\.\/shared\b/,
  /(^|[\s"'`(])\/(work|home|Users|root|mnt|var\/folders)\//,
  /\b[A-Z]:\\\\Users\\\\/,
];

async function trackedTextFiles(): Promise<string[]> {
  const { stdout } = await run("git", ["ls-files", "-z"], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  return stdout
    .split("\0")
    .filter((f) => f && f !== self && f !== "pnpm-lock.yaml")
    .filter((f) => /\.(ts|mts|cts|js|mjs|cjs|json|md|yaml|yml|sh)$|(^|\/)(run|extra|LICENSE)$/.test(f));
}

describe("the repository is self-contained", () => {
  it("no tracked file refers to a file outside the repository", async () => {
    const found: string[] = [];
    for (const file of await trackedTextFiles()) {
      const lines = (await readFile(join(root, file), "utf8")).split("\n");
      lines.forEach((line, i) => {
        if (OUTSIDE.some((p) => p.test(line))) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });

  it("has the MIT LICENSE every package declares, and a CONTRIBUTING guide", async () => {
    const license = await readFile(join(root, "LICENSE"), "utf8");
    expect(license).toMatch(/^MIT License/);
    expect(license).toContain("scribehook contributors");
    const { stdout } = await run("git", ["ls-files", "packages/*/package.json"], { cwd: root });
    for (const pkg of stdout.trim().split("\n")) {
      expect(JSON.parse(await readFile(join(root, pkg), "utf8")).license, pkg).toBe("MIT");
    }
    expect(await readFile(join(root, "CONTRIBUTING.md"), "utf8")).toContain("## Add a provider");
  });
});
