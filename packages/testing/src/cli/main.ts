#!/usr/bin/env node
// The `scribehook` binary (built to dist/cli.js). Everything else lives in program.ts.
import { runCli } from "./program";

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
