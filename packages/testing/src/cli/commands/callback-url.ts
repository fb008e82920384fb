import { builtinProviders, signCallbackUrl } from "@scribehook/core";
import { Command, Option } from "commander";
import { CliError } from "../exit-codes";
import { collectMeta } from "../options";
import { println } from "../terminal";
import type { CommandContext } from "./send";

interface CallbackUrlFlags {
  base: string;
  secret?: string;
  expiresIn: string;
  meta?: Record<string, string>;
  path: string;
}

/**
 * `scribehook callback-url <provider> --base <url> --secret S`: prints a signed callback URL (the
 * same one `receiver.callbackUrl()` makes) to paste into a provider's job request.
 *
 * @example
 * ```ts
 * program.addCommand(callbackUrlCommand(ctx));
 * ```
 */
export function callbackUrlCommand(ctx: CommandContext): Command {
  return new Command("callback-url")
    .description("print a signed callback URL for providers that cannot sign their callbacks (urlToken)")
    .argument("<provider>", "provider id the URL is for, e.g. threeplay, gladia")
    .requiredOption(
      "--base <url>",
      "where the receiver is reachable, including any mount prefix: https://api.example.com",
    )
    .addOption(
      new Option("--secret <secret>", "the receiver's urlTokenSecret (the first one, during a rotation)").env(
        "SCRIBEHOOK_SECRET",
      ),
    )
    .option("--expires-in <duration>", "lifetime: 14d, 2h, 30m, 45s, or milliseconds", "14d")
    .option(
      "--meta <key=value>",
      "metadata signed into the URL, returned as event.metadata (repeatable)",
      collectMeta,
    )
    .option("--path <path>", "the receiver's base path (its `path` option)", "/webhooks")
    .addHelpText(
      "after",
      "\nOnly the URL is printed on stdout, so it can be captured: URL=$(scribehook callback-url …)." +
        '\n\nExample:\n  scribehook callback-url threeplay --base https://api.example.com --secret "$CALLBACK_URL_SECRET" --meta orderId=42\n',
    )
    .action((provider: string, flags: CallbackUrlFlags) => {
      if (!flags.secret)
        throw new CliError("--secret (or SCRIBEHOOK_SECRET) is required: the receiver's urlTokenSecret");
      if (!Object.hasOwn(builtinProviders, provider)) {
        println(
          ctx.io.stderr,
          ctx
            .colours()
            .yellow(
              `note: "${provider}" is not a built-in provider (${Object.keys(builtinProviders).join(", ")}); fine for a custom one`,
            ),
        );
      }
      const base = `/${flags.path.replace(/^\/+|\/+$/g, "")}`.replace(/^\/$/, "");
      const expiresIn = /^\d+(\.\d+)?$/.test(flags.expiresIn) ? Number(flags.expiresIn) : flags.expiresIn;
      let url: string;
      try {
        url = signCallbackUrl({
          provider,
          baseUrl: flags.base,
          path: `${base}/${provider}`,
          secret: flags.secret,
          expiresIn,
          metadata: flags.meta ?? {},
        });
      } catch (err) {
        throw new CliError(
          (err as Error).message.replace(/^callbackUrl: /, "").replace(/^baseUrl/, "--base"),
        );
      }
      println(ctx.io.stdout, url);
    });
}
