#!/usr/bin/env node
// The `scribehook` binary. It is a committed file outside dist/ so that package managers can link it
// before the package is built (in this repository `pnpm install` runs before `pnpm build`); the CLI
// itself is dist/cli.js, built from src/cli/main.ts.
import { fileURLToPath } from "node:url";

const cli = new URL("../dist/cli.js", import.meta.url);

import(cli.href).catch((err) => {
  const missing = err?.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes(fileURLToPath(cli));
  if (!missing) throw err;
  process.stderr.write(
    `scribehook: the CLI is not built (${fileURLToPath(cli)} is missing).\n` +
      "In the scribehook repository, run `pnpm build` first; from npm, reinstall @scribehook/testing.\n",
  );
  process.exitCode = 2;
});
