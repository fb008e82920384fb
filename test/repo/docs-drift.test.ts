import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { builtinProviders } from "@scribehook/core";
import { describe, expect, it } from "vitest";
import { providersDoc, README_END, README_START, withReadmeSection } from "../../scripts/docs/render";

// The README's provider table and docs/providers.md are generated from the provider definitions by
// `pnpm docs` (scripts/docs.ts). A definition changed without regenerating them fails here.
const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), "utf8");
const definitions = Object.values(builtinProviders);
const STALE =
  "is not what the provider definitions say: run pnpm docs (`npx -y pnpm@10 run docs`; a bare `pnpm docs` is pnpm's own command) and commit the result";

describe("generated provider docs", () => {
  it(`README.md's provider table (between ${README_START} and ${README_END}) matches the definitions`, () => {
    const readme = read("README.md");
    expect(readme === withReadmeSection(readme, definitions), `README.md's provider table ${STALE}`).toBe(
      true,
    );
  });

  it("docs/providers.md matches the definitions", () => {
    expect(read("docs/providers.md") === providersDoc(definitions), `docs/providers.md ${STALE}`).toBe(true);
  });

  it("can fail: a changed status table changes the generated page", () => {
    const [first, ...rest] = definitions;
    const changed = { ...first!, status: { field: "state", table: { done: "completed" as const } } };
    expect(providersDoc([changed, ...rest])).not.toBe(providersDoc(definitions));
  });

  it("every built-in provider declares its auth kind and links its public webhook documentation", () => {
    for (const d of definitions) {
      expect(d.auth, d.id).toBeDefined();
      expect(d.docs, d.id).toMatch(/^https:\/\//);
    }
  });
});
