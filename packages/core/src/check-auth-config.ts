import { refuseAccidents } from "./config-values";
import type { ProviderConfig, ProviderDefinition } from "./providers/define-provider";
import { secretList } from "./verify/hmac";

/**
 * Checks how one provider is authenticated (`secret`, `headers`, `urlToken`, or none at all) and
 * returns the HMAC key of each secret (the definition's `signingKey`, else the secret itself); throws a
 * TypeError that starts with `where` and never repeats a secret.
 *
 * @example
 * ```ts
 * const keys = checkAuthConfig(assemblyai, { headers: { "x-token": "…" } }, "providers.assemblyai", false);
 * ```
 */
export function checkAuthConfig(
  definition: ProviderDefinition<string, any>,
  config: ProviderConfig,
  where: string,
  hasUrlTokenSecret: boolean,
): (string | Uint8Array)[] {
  const signs = definition.signature !== undefined || typeof definition.verifySignature === "function";
  let keys: (string | Uint8Array)[] = [];
  if (config.secret !== undefined) {
    const secrets = secretList(config.secret);
    if (secrets.length === 0 || secrets.some((s) => typeof s !== "string" || s.length === 0)) {
      throw new TypeError(
        `${where}.secret: must be a non-empty string or a list of them (empty secrets are refused)`,
      );
    }
    refuseAccidents(secrets as string[], `${where}.secret`);
    if (!signs) {
      throw new TypeError(
        `${where}.secret: ${definition.name} does not sign its callbacks; authenticate it with headers or urlToken instead`,
      );
    }
    keys = secrets.map((secret, i) =>
      signingKey(definition, secret, `${where}.secret${secrets.length > 1 ? `[${i}]` : ""}`),
    );
  }
  if (config.headers !== undefined) checkHeaders(config.headers, where);
  if (config.urlToken && !hasUrlTokenSecret) {
    throw new TypeError(
      `${where}.urlToken: set urlTokenSecret in the receiver options so callback URLs can be signed`,
    );
  }
  const hasAuth = config.secret !== undefined || config.headers !== undefined || Boolean(config.urlToken);
  if (!hasAuth && config.insecureNoAuth !== true) {
    const ways = [
      signs ? "secret (its signature)" : "",
      "headers (a header you set up with the job)",
      "urlToken (a signed callback URL)",
    ]
      .filter(Boolean)
      .join(", ");
    throw new TypeError(
      `${where}: no way to authenticate deliveries. Use one of: ${ways}. ` +
        "allowIps alone is not enough (every customer of the provider shares its addresses); " +
        "insecureNoAuth: true accepts anything and is for local tests only.",
    );
  }
  return keys;
}

function signingKey(definition: ProviderDefinition<string, any>, secret: string, where: string) {
  if (!definition.signingKey) return secret;
  try {
    return definition.signingKey(secret);
  } catch (cause) {
    if (cause instanceof TypeError) throw new TypeError(`${where}: ${cause.message}`, { cause });
    throw cause;
  }
}

function checkHeaders(headers: NonNullable<ProviderConfig["headers"]>, where: string): void {
  const entries = Object.entries(headers);
  if (entries.length === 0) throw new TypeError(`${where}.headers: name at least one header`);
  for (const [name, value] of entries) {
    const values = typeof value === "string" ? [value] : value;
    if (
      !Array.isArray(values) ||
      values.length === 0 ||
      values.some((v) => typeof v !== "string" || v === "")
    ) {
      throw new TypeError(`${where}.headers["${name}"]: must be a non-empty string or a list of them`);
    }
    refuseAccidents(values, `${where}.headers["${name}"]`);
    if (values.some((v) => v.includes(", "))) {
      throw new TypeError(
        `${where}.headers["${name}"]: a value may not contain ", " (HTTP joins a repeated header with it, so it could not be told from a header sent twice)`,
      );
    }
  }
}
