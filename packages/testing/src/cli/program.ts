import { Command, CommanderError } from "commander";
import pkg from "../../package.json" with { type: "json" };
import { callbackUrlCommand } from "./commands/callback-url";
import { replayCommand } from "./commands/replay";
import { type CommandContext, sendCommand } from "./commands/send";
import { verifyCommand } from "./commands/verify";
import { CliError, ExitCode } from "./exit-codes";
import { type Io, palette, println } from "./terminal";

/**
 * Runs the `scribehook` CLI with the given arguments (without `node` and the script) and returns the
 * exit code. Never calls `process.exit`, so it can run in-process too.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2));
 * ```
 */
export async function runCli(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const program = new Command("scribehook")
    .description(
      "Make a speech-to-text provider's webhook happen on demand, exactly as that provider sends it.",
    )
    .version(pkg.version, "-V, --version", "print the version of @scribehook/testing")
    .option("--no-color", "no colours, even on a terminal (NO_COLOR works too)")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .addHelpText(
      "after",
      "\nColours only on a terminal; set NO_COLOR to turn them off. Secrets can be given as SCRIBEHOOK_SECRET." +
        "\nExit codes: 0 success, 1 refused / not acknowledged, 2 bad arguments, 3 endpoint unreachable.\n",
    );
  const ctx: CommandContext = {
    io,
    colours: () => palette(io.stdout, io.env, program.opts().color !== false),
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  for (const make of [sendCommand, replayCommand, callbackUrlCommand, verifyCommand]) {
    const command = make(ctx);
    command.exitOverride().configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
    command.showHelpAfterError("(run with --help for usage)");
    program.addCommand(command);
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with a CommanderError too, with exit code 0.
      return err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (err instanceof CliError) {
      println(
        io.stderr,
        palette(io.stderr, io.env, program.opts().color !== false).red(`error: ${err.message}`),
      );
      return err.exitCode;
    }
    println(io.stderr, `error: ${(err as Error)?.message ?? String(err)}`);
    return ExitCode.Usage;
  }
}

/**
 * The real process's streams and environment.
 *
 * @example
 * ```ts
 * await runCli(["--help"], processIo());
 * ```
 */
export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}
