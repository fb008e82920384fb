import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

// `pnpm demo` is the project's end-to-end check: run it as a user would and read its table.
test("pnpm demo: every provider's delivery and every refusal ends as expected", async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "examples/express/demo.ts"],
    {
      cwd: root,
      timeout: 60_000,
    },
  );
  const rows = stdout.split("\n").filter((line) => /\s(ok|UNEXPECTED)\s*$/.test(line));
  expect(rows).toHaveLength(9);
  expect(rows.filter((r) => r.trimEnd().endsWith("UNEXPECTED"))).toEqual([]);
  for (const provider of ["assemblyai", "threeplay", "gladia", "instanttranscriber", "scriptix"]) {
    expect(rows.some((r) => r.startsWith(provider) && r.includes("transcription."))).toBe(true);
  }
  expect(stdout).toMatch(/duplicate, handlers not called/);
  expect(stdout).toMatch(/401\s+refused: signature_mismatch/);
  expect(stdout).toMatch(/401\s+refused: token_expired/);
  expect(stdout).toMatch(/413\s+refused: body_too_large/);
  // event.transcript() of each launch provider, from the fakes: Gladia's inline, the others by API.
  for (const provider of ["assemblyai", "threeplay", "gladia", "instanttranscriber", "scriptix"]) {
    const from = provider === "gladia" ? "inline" : "API, \\d+ requests?";
    expect(stdout).toMatch(new RegExp(`^${provider}\\s+${from}\\s+\\d+\\s+"Hello there\\.`, "m"));
  }
  expect(stdout).toContain("every outcome is the expected one");
});
