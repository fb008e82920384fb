#!/usr/bin/env node
// The `scribehook` binary (built to dist/cli.js). Everything else lives in program.ts.
import { runCli } from "./program";

// `scribehook send … | head` closes the pipe early: that is the reader's choice, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
