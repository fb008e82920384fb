/**
 * Writes the documents generated from the provider definitions: the README's provider table (between
 * `<!-- providers:start -->` and `<!-- providers:end -->`, the rest of the README kept) and
 * docs/providers.md. test/repo/docs-drift.test.ts fails when the checked-in files differ.
 *
 *   npx -y pnpm@10 docs
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { builtinProviders } from "../packages/core/src/providers/index";
import { providersDoc, withReadmeSection } from "./docs/render";

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const definitions = Object.values(builtinProviders);

const readme = root("README.md");
writeFileSync(readme, withReadmeSection(readFileSync(readme, "utf8"), definitions));
writeFileSync(root("docs/providers.md"), providersDoc(definitions));
console.log(`README.md and docs/providers.md written from ${definitions.length} provider definitions`);
