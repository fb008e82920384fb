/**
 * The CLI's exit codes, as documented in the package README.
 *
 * @example
 * ```ts
 * process.exitCode = ExitCode.Refused;
 * ```
 */
export const ExitCode = {
  /** The endpoint answered 2xx (send, replay), or the request would be accepted (verify). */
  Ok: 0,
  /** The endpoint answered a non-2xx (send), replay ended without success, or verify found a refusal. */
  Refused: 1,
  /** Bad arguments: unknown provider or option, unreadable file, malformed captured request. */
  Usage: 2,
  /** The endpoint could not be reached or did not answer in time. */
  Unreachable: 3,
} as const;

/** An error that ends the command with a message on stderr and a given exit code. */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.Usage,
  ) {
    super(message);
  }
}
