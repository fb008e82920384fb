import { type SampleDelivery, signDelivery } from "../index";
import { CliError } from "./exit-codes";
import { readPayloadFile } from "./options";

/** The options `send` and `replay` share, as commander hands them over. */
export interface DeliveryFlags {
  to: string;
  status?: string;
  jobId?: string;
  secret?: string;
  header?: Record<string, string>;
  payload?: string;
  method?: "POST" | "PUT";
}

/**
 * The endpoint to call: `--to` as given, or with `/webhooks/<provider>` appended when it has no path.
 *
 * @example
 * ```ts
 * targetUrl("http://localhost:3000", "gladia"); // "http://localhost:3000/webhooks/gladia"
 * ```
 */
export function targetUrl(to: string, provider: string): string {
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    throw new CliError(`--to must be an absolute URL such as http://localhost:3000/webhooks/${provider}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    // `localhost:3101` parses as a URL whose scheme is "localhost:": quote what was typed, whole.
    const hint = to.includes("//") ? "" : ` (did you mean http://${to}?)`;
    throw new CliError(`--to must be an http:// or https:// URL, got ${JSON.stringify(to)}${hint}`);
  }
  if (url.pathname === "/" || url.pathname === "") url.pathname = `/webhooks/${provider}`;
  return url.toString();
}

/**
 * Builds the provider-exact, signed delivery for the flags (via `signDelivery`), aimed at `--to`.
 *
 * @example
 * ```ts
 * const delivery = buildDelivery("instanttranscriber", { to: "http://127.0.0.1:3000", secret: "s" });
 * ```
 */
export function buildDelivery(provider: string, flags: DeliveryFlags, jobId = flags.jobId): SampleDelivery {
  const to = targetUrl(flags.to, provider);
  try {
    return signDelivery(provider, {
      callbackUrl: to,
      ...(flags.status !== undefined ? { status: flags.status } : {}),
      ...(jobId !== undefined ? { jobId } : {}),
      ...(flags.secret !== undefined ? { secret: flags.secret } : {}),
      ...(flags.header ? { headers: flags.header } : {}),
      ...(flags.payload !== undefined ? { payload: readPayloadFile(flags.payload) } : {}),
      ...(flags.method !== undefined ? { method: flags.method } : {}),
    });
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`Cannot build a ${provider} delivery: ${(err as Error).message}`);
  }
}

/**
 * Where the request goes: the delivery's own URL, made absolute against `--to`.
 *
 * @example
 * ```ts
 * deliveryUrl(delivery, "http://127.0.0.1:3000/webhooks/gladia");
 * ```
 */
export const deliveryUrl = (delivery: SampleDelivery, to: string): string =>
  new URL(delivery.url, to).toString();

/**
 * The values to mask when printing: the secret and every header value given on the command line.
 *
 * @example
 * ```ts
 * secretsOf({ secret: "s", header: { "X-Token": "t" } }); // ["s", "t"]
 * ```
 */
export const secretsOf = (flags: Pick<DeliveryFlags, "secret" | "header">): string[] =>
  [flags.secret ?? "", ...Object.values(flags.header ?? {})].filter((s) => s.length > 0);
