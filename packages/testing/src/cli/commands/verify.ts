import { readFileSync } from "node:fs";
import {
  builtinProviders,
  createReceiver,
  type ProviderConfig,
  type ReceiverOptions,
  type TranscriptionEvent,
  URL_TOKEN_PARAM,
} from "@scribehook/core";
import { Command, Option } from "commander";
import { CliError, ExitCode } from "../exit-codes";
import { maskUrl } from "../mask";
import { collectHeader } from "../options";
import { parseRawRequest, type RawRequest } from "../raw-request";
import { println } from "../terminal";
import type { CommandContext } from "./send";

interface VerifyFlags {
  secret?: string;
  header?: Record<string, string>;
  urlTokenSecret?: string;
  file?: string;
}

// What to check next, by refusal code: the receiver's message says what failed, this says where to look.
const HINTS: Record<string, string> = {
  signature_mismatch:
    "Check the secret. The capture must hold the body byte for byte: a proxy or an editor that re-encodes JSON, " +
    "adds a trailing newline or turns LF into CRLF breaks the signature.",
  signature_missing: "The provider did not sign this request: was the secret set when the job was submitted?",
  header_missing: "The auth header you gave the provider with the job is not in the request.",
  header_mismatch: "The auth header is there with another value: compare it with the one given with the job.",
  header_repeated:
    "An authenticating header appears more than once in the request: a proxy may have added its own copy.",
  timestamp_too_old:
    "The signed timestamp is outside the window: a capture older than the tolerance is always refused (replay protection).",
  token_missing:
    "Make the callback URL with `scribehook callback-url` or receiver.callbackUrl() and give it to the provider.",
  token_invalid: "The URL token was altered, cut off when pasted, or signed with another urlTokenSecret.",
  token_expired: "Make a new callback URL for the next job (--expires-in).",
  not_found: "The request path is not under the receiver's base path.",
  method_not_allowed: "The provider is configured to call with another method.",
  unsupported_media_type: "The Content-Type is not one this provider sends.",
  job_id_missing: "The body does not carry the provider's job id where the provider puts it.",
};

/**
 * `scribehook verify <provider> --secret S < request.txt`: runs a captured request through a receiver
 * configured with the given credentials and says whether it would be accepted, and if not, why.
 *
 * @example
 * ```ts
 * program.addCommand(verifyCommand(ctx));
 * ```
 */
export function verifyCommand(ctx: CommandContext): Command {
  return new Command("verify")
    .description("check a captured HTTP request (from stdin or --file) and say why it would be refused")
    .argument("<provider>", "provider id the request came from")
    .addOption(
      new Option(
        "--secret <secret>",
        "the provider's HMAC secret; for a provider that does not sign, the urlTokenSecret of its callback URL",
      ).env("SCRIBEHOOK_SECRET"),
    )
    .option(
      "--header <header>",
      'an auth header the request must carry, "Name: value" (repeatable)',
      collectHeader,
    )
    .option("--url-token-secret <secret>", "the receiver's urlTokenSecret, when the URL carries sh_token")
    .option("--file <path>", "read the capture from a file instead of stdin")
    .addHelpText(
      "after",
      "\nThe capture is the raw request: request line, headers, blank line, body (as `nc -l`, mitmproxy or" +
        " Wireshark show it). Exit codes: 0 accepted, 1 refused, 2 bad arguments or an unreadable capture." +
        '\n\nExample:\n  scribehook verify instanttranscriber --secret "$IT_SECRET" < request.txt\n',
    )
    .action(async (provider: string, flags: VerifyFlags) => {
      const c = ctx.colours();
      const out = ctx.io.stdout;
      const definition = Object.hasOwn(builtinProviders, provider)
        ? (builtinProviders as Record<string, Signing & { name: string }>)[provider]
        : undefined;
      if (!definition) {
        throw new CliError(
          `Unknown provider "${provider}". Known: ${Object.keys(builtinProviders).join(", ")}`,
        );
      }
      const raw = await readCapture(flags.file, ctx);
      const req = parseRawRequest(raw);
      const { options, described } = receiverOptions(provider, definition, flags, req);
      const routed = route(provider, req);

      println(
        out,
        `${c.bold(`Verifying a delivery from ${definition.name}`)}: ${req.method} ${maskUrl(routed.path, [])}, ${req.body.length} bytes`,
      );
      println(out, c.dim(`  checked with: ${described}`));
      for (const note of [...req.notes, ...routed.notes]) println(out, c.yellow(`  note: ${note}`));

      const verdict = await check(options, req, routed.path);
      let fixedBy: string | undefined;
      if (verdict.code === "signature_mismatch") {
        // A capture pasted into an editor often gains a newline the provider never sent.
        const trimmed = trimTrailingNewline(req.body);
        if (trimmed && (await check(options, { ...req, body: trimmed }, routed.path)).status < 300) {
          fixedBy =
            "the signature matches once the trailing newline at the end of the body is removed: the capture gained it";
        }
      }

      if (verdict.status >= 200 && verdict.status < 300) {
        const e = verdict.event;
        println(out, c.green(`✓ accepted: would be answered ${verdict.status}`));
        if (e) println(out, `  ${e.type}: job ${e.jobId}, status ${e.providerStatus} → ${e.status}`);
        ctx.setExitCode(ExitCode.Ok);
        return;
      }
      println(out, c.red(`✗ refused: would be answered ${verdict.status} ${verdict.code ?? ""}`.trimEnd()));
      if (verdict.message) println(out, `  ${verdict.message}`);
      if (fixedBy) println(out, c.yellow(`  ${fixedBy}`));
      else if (verdict.code && HINTS[verdict.code]) println(out, c.dim(`  hint: ${HINTS[verdict.code]}`));
      ctx.setExitCode(ExitCode.Refused);
    });
}

interface Verdict {
  status: number;
  code?: string;
  message?: string;
  event?: TranscriptionEvent;
}

async function check(options: ReceiverOptions, req: RawRequest, path: string): Promise<Verdict> {
  // A fresh receiver each time, so a second check is not answered as a duplicate of the first.
  const receiver = createReceiver(options);
  let event: TranscriptionEvent | undefined;
  receiver.onAny((e) => {
    event = e;
  });
  const res = await receiver.handle({ method: req.method, url: path, headers: req.headers, body: req.body });
  let code: string | undefined;
  let message: string | undefined;
  try {
    const parsed = JSON.parse(res.body) as { error?: { code?: string; message?: string } };
    code = parsed.error?.code;
    message = parsed.error?.message;
  } catch {}
  return { status: res.status, code, message, event };
}

/** What tells a provider that signs from one that does not. */
type Signing = { signature?: unknown; verifySignature?: unknown };

function receiverOptions(
  provider: string,
  definition: Signing,
  flags: VerifyFlags,
  req: RawRequest,
): { options: ReceiverOptions; described: string } {
  const config: ProviderConfig = {};
  const said: string[] = [];
  let urlTokenSecret = flags.urlTokenSecret;
  if (flags.secret !== undefined) {
    // A provider signs when it declares a scheme or verifies in its own code.
    if (definition.signature !== undefined || typeof definition.verifySignature === "function") {
      config.secret = flags.secret;
      said.push("its signature (--secret)");
    } else urlTokenSecret ??= flags.secret;
  }
  if (flags.header) {
    config.headers = flags.header;
    said.push(
      `header${Object.keys(flags.header).length > 1 ? "s" : ""} ${Object.keys(flags.header).join(", ")}`,
    );
  }
  if (urlTokenSecret !== undefined) {
    const hasToken = new URL(req.target, "http://localhost").searchParams.has(URL_TOKEN_PARAM);
    if (hasToken || (config.secret === undefined && config.headers === undefined)) {
      config.urlToken = true;
      said.push("the signed callback URL (sh_token)");
    }
  }
  if (said.length === 0) {
    throw new CliError(
      "Give the credentials to check with: --secret (signature, or the urlTokenSecret for providers that do not sign)," +
        ' --header "Name: value" for header-authenticated providers, or --url-token-secret',
    );
  }
  return {
    options: {
      providers: { [provider]: config },
      ...(urlTokenSecret !== undefined ? { urlTokenSecret } : {}),
    } as ReceiverOptions,
    described: said.join(" + "),
  };
}

/**
 * The receiver routes by path, but the capture may come from a receiver mounted elsewhere: check it as
 * if it arrived at `/webhooks/<provider>`, unless a URL token names the path it was made for.
 */
function route(provider: string, req: RawRequest): { path: string; notes: string[] } {
  const url = new URL(req.target, "http://localhost");
  const token = url.searchParams.get(URL_TOKEN_PARAM);
  const signedPath = token ? tokenPath(token) : undefined;
  let path = `/webhooks/${provider}`;
  const notes: string[] = [];
  if (signedPath?.endsWith(`/${provider}`)) path = signedPath;
  if (url.pathname !== path) {
    notes.push(`the request went to ${url.pathname}; it is checked as a delivery to ${path}`);
  }
  return { path: path + url.search, notes };
}

/** The path a callback token was made for, read without verifying it (verification happens in the receiver). */
function tokenPath(token: string): string | undefined {
  try {
    const body = JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8")) as {
      u?: unknown;
    };
    return typeof body.u === "string" ? body.u : undefined;
  } catch {
    return undefined;
  }
}

function trimTrailingNewline(body: Buffer): Buffer | undefined {
  let end = body.length;
  while (end > 0 && (body[end - 1] === 0x0a || body[end - 1] === 0x0d)) end--;
  return end === body.length ? undefined : body.subarray(0, end);
}

async function readCapture(file: string | undefined, ctx: CommandContext): Promise<Buffer> {
  if (file !== undefined) {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new CliError(`--file: cannot read ${file}: ${(err as Error).message}`);
    }
  }
  if (ctx.io.stdin.isTTY) {
    throw new CliError(
      "Pipe the captured request in (scribehook verify <provider> … < request.txt) or use --file",
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) throw new CliError("stdin was empty: pipe the captured request in, or use --file");
  return raw;
}
