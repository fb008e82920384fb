import { Command, Option } from "commander";
import type { DeliveryFlags } from "../delivery";
import { ExitCode } from "../exit-codes";
import { sendRequest } from "../http-send";
import { collectHeader, seconds } from "../options";
import { formatRequest, formatResponse } from "../print";
import { retrySchedules } from "../retry-schedules";
import { type Io, type Palette, println } from "../terminal";

/** Context every command gets: where to write, the colours, and where to put the exit code. */
export interface CommandContext {
  io: Io;
  colours(): Palette;
  setExitCode(code: number): void;
}

/**
 * Adds the options `send` and `replay` share: what to send and how to sign it.
 *
 * @example
 * ```ts
 * deliveryOptions(new Command("send").argument("<provider>"));
 * ```
 */
export function deliveryOptions(command: Command): Command {
  return command
    .requiredOption("--to <url>", "endpoint to call; a bare origin gets /webhooks/<provider> appended")
    .option(
      "--status <status>",
      'job status: "completed", "failed", or the provider\'s own (e.g. in_progress)',
    )
    .option("--job-id <id>", "the provider's job / transcript id (default: a fresh random id)")
    .addOption(
      new Option("--secret <secret>", "HMAC secret, for providers that sign (masked in the output)").env(
        "SCRIBEHOOK_SECRET",
      ),
    )
    .option(
      "--header <header>",
      'extra header "Name: value", e.g. the auth header you gave the provider (repeatable; masked in the output)',
      collectHeader,
    )
    .option("--payload <file.json>", "JSON object whose fields are merged over the sample body")
    .addOption(
      new Option("--method <method>", "for providers that can call with either").choices(["POST", "PUT"]),
    )
    .option("--timeout <duration>", "how long to wait for an answer (default: the provider's, else 30s)");
}

/**
 * `scribehook send <provider> --to <url>`: one delivery, printed with its answer; exit 1 on a non-2xx.
 *
 * @example
 * ```ts
 * program.addCommand(sendCommand(ctx));
 * ```
 */
export function sendCommand(ctx: CommandContext): Command {
  return deliveryOptions(
    new Command("send")
      .description("send one delivery exactly as the provider would, and print the request and the answer")
      .argument("<provider>", "provider id, e.g. assemblyai, instanttranscriber, gladia"),
  )
    .addHelpText(
      "after",
      "\nExit codes: 0 the endpoint answered 2xx, 1 it answered something else, 2 bad arguments, 3 unreachable." +
        '\n\nExample:\n  scribehook send instanttranscriber --to http://localhost:3000/webhooks/instanttranscriber --secret "$IT_SECRET"\n',
    )
    .action(async (provider: string, flags: DeliveryFlags & { timeout?: string }) => {
      const c = ctx.colours();
      const { buildDelivery, deliveryUrl, secretsOf } = await loadDelivery();
      const delivery = buildDelivery(provider, flags);
      const url = deliveryUrl(delivery, flags.to);
      const timeoutMs =
        1000 *
        (flags.timeout
          ? seconds(flags.timeout, "--timeout")
          : (retrySchedules[provider]?.timeoutSeconds ?? 30));
      println(ctx.io.stdout, formatRequest({ ...delivery, url }, secretsOf(flags), c));
      println(ctx.io.stdout);
      const out = await sendRequest({ ...delivery, url }, timeoutMs);
      if (!out.ok) {
        println(ctx.io.stderr, c.red(`✗ ${out.error}`));
        ctx.setExitCode(ExitCode.Unreachable);
        return;
      }
      println(ctx.io.stdout, formatResponse(out, c));
      ctx.setExitCode(out.status >= 200 && out.status < 300 ? ExitCode.Ok : ExitCode.Refused);
    });
}

/**
 * The delivery builders, loaded when a command needs them (they pull in every provider's sample builder,
 * which `callback-url` and `verify` never use).
 *
 * @example
 * ```ts
 * const { buildDelivery } = await loadDelivery();
 * ```
 */
export const loadDelivery = () => import("../delivery");
