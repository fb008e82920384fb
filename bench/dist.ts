import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { root } from "./build";

/** The built entry of a workspace package: benchmarks measure what gets published, not the sources. */
export const distEntry = (pkg: string): string => `${root}packages/${pkg}/dist/index.js`;

/** Whether a workspace package has been built (Koa/Fastify adapters may not exist yet). */
export const isBuilt = (pkg: string): boolean => existsSync(distEntry(pkg));

/** Imports a workspace package's build. Typed loosely on purpose: the bench must not pull sources in. */
export async function importDist<T = any>(pkg: string): Promise<T> {
  if (!isBuilt(pkg)) throw new Error(`packages/${pkg} is not built: run pnpm -s build (pnpm bench does)`);
  return import(pathToFileURL(distEntry(pkg)).href) as Promise<T>;
}

/** `raw-body`, which the hand-written Koa reference reads its body with (a dev dependency of the root). */
export const rawBody: (
  stream: NodeJS.ReadableStream,
  options: { limit: string | number },
) => Promise<Buffer> = createRequire(`${root}package.json`)("raw-body");
