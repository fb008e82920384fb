import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// `pnpm install` links every workspace package's bin before anything is built: the bin must be a
// file the repository holds, or each install warns "Failed to create bin".
const run = promisify(execFile);
const pkgDir = fileURLToPath(new URL("../../", import.meta.url));

describe("the scribehook bin", () => {
  it("is a file committed to the repository, not a build output", async () => {
    const pkg = JSON.parse(await readFile(join(pkgDir, "package.json"), "utf8"));
    const bin: string = pkg.bin.scribehook;
    expect(bin).not.toMatch(/(^|\/)dist\//);
    const { stdout } = await run("git", ["ls-files", "--error-unmatch", bin], { cwd: pkgDir });
    expect(stdout.trim()).toBe(bin.replace(/^\.\//, ""));
    expect(pkg.files).toContain(bin.replace(/^\.\//, "").split("/")[0]);
  });

  it("before a build, says the CLI is not built and exits 2 instead of a stack trace", async () => {
    const pkg = await mkdtemp(join(tmpdir(), "scribehook-bin-"));
    try {
      await mkdir(join(pkg, "bin"));
      await writeFile(join(pkg, "package.json"), JSON.stringify({ type: "module" }));
      await copyFile(join(pkgDir, "bin", "scribehook.js"), join(pkg, "bin", "scribehook.js"));
      const result = await run(process.execPath, [join(pkg, "bin", "scribehook.js"), "--version"]).then(
        () => ({ code: 0, stderr: "" }),
        (err: { code: number; stderr: string }) => err,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("the CLI is not built");
      expect(result.stderr).toContain("pnpm build");
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      await rm(pkg, { recursive: true, force: true });
    }
  });
});
