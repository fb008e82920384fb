import { refuseAccidents } from "./config-values";
import type { ReceiverOptions } from "./options";
import type { ProviderConfig, ProviderContext, ProviderDefinition } from "./providers/define-provider";
import { BUILTIN_PROVIDER_IDS } from "./providers/ids";
import { parseBytes, parseDuration } from "./units";
import { secretList } from "./verify/hmac";
import { ipAllowList } from "./verify/ip-allowlist";

/** A configured provider, with everything the pipeline needs worked out once at creation. */
export interface CompiledProvider {
  definition: ProviderDefinition<string, any>;
  /** As given, with header names lower-cased and `tolerance` in seconds (what providers read). */
  config: ProviderContext["config"];
  methods: readonly string[];
  /** `Allow` header value. */
  allow: string;
  limit: number;
  ipAllowed?: (ip: string | undefined) => boolean;
  urlToken?: { maxAgeMs?: number };
}

const DEFAULT_LIMIT = "25mb";

/** Provider definitions by id. */
export type Definitions = Readonly<Record<string, ProviderDefinition<string, any>>>;

/**
 * Validates `options.providers` and compiles each entry against `builtins` (every built-in provider
 * from the root entry, none from `@scribehook/core/fetch`), `options.definitions` and
 * `options.customProviders`; throws a TypeError that says how to fix a mistake.
 */
export function compileProviders(
  options: ReceiverOptions,
  hasUrlTokenSecret: boolean,
  builtins: Definitions,
): Map<string, CompiledProvider> {
  const known = new Map<string, ProviderDefinition<string, any>>(Object.entries(builtins));
  if (options.definitions !== undefined && !Array.isArray(options.definitions)) {
    throw new TypeError(
      "definitions: give a list such as [assemblyai] (from @scribehook/core/providers/<id>)",
    );
  }
  for (const definition of options.definitions ?? []) {
    if (!BUILTIN_PROVIDER_IDS.includes(definition?.id)) {
      throw new TypeError(
        `definitions: ${JSON.stringify(definition?.id)} is not a built-in provider; pass your own providers in customProviders`,
      );
    }
    known.set(definition.id, definition);
  }
  for (const custom of options.customProviders ?? []) {
    if (BUILTIN_PROVIDER_IDS.includes(custom.id)) {
      throw new TypeError(`customProviders: "${custom.id}" is a built-in provider id; choose another id`);
    }
    if (known.has(custom.id)) throw new TypeError(`customProviders: "${custom.id}" is defined twice`);
    known.set(custom.id, custom);
  }
  if (!options.providers || typeof options.providers !== "object") {
    throw new TypeError("providers: give at least one provider, e.g. { assemblyai: { headers: { ... } } }");
  }
  const compiled = new Map<string, CompiledProvider>();
  for (const [id, config] of Object.entries(
    options.providers as Record<string, ProviderConfig | undefined>,
  )) {
    if (config === undefined) continue;
    const definition = known.get(id);
    if (!definition && BUILTIN_PROVIDER_IDS.includes(id)) {
      throw new TypeError(
        `providers.${id}: this entry bundles only the providers you pass: add ` +
          `import { ${id} } from "@scribehook/core/providers/${id}" and give definitions: [${id}]`,
      );
    }
    if (!definition) {
      throw new TypeError(
        `providers.${id}: unknown provider. Known: ${[...known.keys()].join(", ")}. ` +
          "For another service, define it with defineProvider() and pass it in customProviders.",
      );
    }
    compiled.set(id, compile(id, definition, config, options, hasUrlTokenSecret));
  }
  if (compiled.size === 0) throw new TypeError("providers: configure at least one provider");
  return compiled;
}

function compile(
  id: string,
  definition: ProviderDefinition<string, any>,
  config: ProviderConfig,
  options: ReceiverOptions,
  hasUrlTokenSecret: boolean,
): CompiledProvider {
  const where = `providers.${id}`;
  const signs = typeof definition.verifySignature === "function";
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
  }
  definition.checkConfig?.(config, where);
  if (config.headers !== undefined) {
    const entries = Object.entries(config.headers);
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

  let ipAllowed: CompiledProvider["ipAllowed"];
  if (config.allowIps !== undefined) {
    if (config.allowIps !== "documented" && !Array.isArray(config.allowIps)) {
      throw new TypeError(`${where}.allowIps: give a list of addresses/CIDRs, or "documented"`);
    }
    const list = config.allowIps === "documented" ? definition.documentedIps : config.allowIps;
    if (!list || list.length === 0) {
      throw new TypeError(
        config.allowIps === "documented"
          ? `${where}.allowIps: ${definition.name} publishes no egress addresses; list them yourself`
          : `${where}.allowIps: list at least one address or range`,
      );
    }
    ipAllowed = ipAllowList(list);
  }

  let toleranceSeconds: number | undefined;
  if (config.tolerance !== undefined) {
    const ms = parseDuration(config.tolerance, `${where}.tolerance`);
    if (ms <= 0) throw new TypeError(`${where}.tolerance: give a window longer than zero, e.g. "5m"`);
    toleranceSeconds = ms / 1000;
  }
  if (config.signature !== undefined) {
    if (!signs) {
      throw new TypeError(
        `${where}.signature: ${definition.name} does not sign its callbacks, so there is no signature scheme to override`,
      );
    }
    checkSignatureOptions(config.signature, `${where}.signature`);
  }
  const maxAge = typeof config.urlToken === "object" ? config.urlToken.maxAge : undefined;
  return {
    definition,
    config: {
      ...config,
      ...(config.headers ? { headers: lowerKeys(config.headers) } : {}),
      tolerance: toleranceSeconds,
    },
    methods: definition.methods,
    allow: definition.methods.join(", "),
    limit: parseBytes(
      config.maxBodyBytes ?? options.maxBodyBytes ?? definition.maxBodyBytes ?? DEFAULT_LIMIT,
      `${where}.maxBodyBytes`,
    ),
    ipAllowed,
    urlToken: config.urlToken
      ? { maxAgeMs: maxAge === undefined ? undefined : parseDuration(maxAge, `${where}.urlToken.maxAge`) }
      : undefined,
  };
}

const lowerKeys = <T>(o: Record<string, T>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));

/** A mistyped signature override would refuse every delivery as forged; say so at creation instead. */
function checkSignatureOptions(signature: unknown, where: string): void {
  if (typeof signature !== "object" || signature === null || Array.isArray(signature)) {
    throw new TypeError(`${where}: give an object such as { header: "X-Signature", encoding: "base64" }`);
  }
  const { header, algorithm, encoding, prefix } = signature as Record<string, unknown>;
  if (header !== undefined && (typeof header !== "string" || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header))) {
    throw new TypeError(`${where}.header: must be a header name such as "X-Signature"`);
  }
  if (algorithm !== undefined && !["sha256", "sha1", "sha512"].includes(algorithm as string)) {
    throw new TypeError(`${where}.algorithm: must be "sha256", "sha1" or "sha512"`);
  }
  if (encoding !== undefined && !["hex", "base64", "base64url"].includes(encoding as string)) {
    throw new TypeError(`${where}.encoding: must be "hex", "base64" or "base64url"`);
  }
  if (prefix !== undefined && typeof prefix !== "string") {
    throw new TypeError(`${where}.prefix: must be a string such as "sha256=", or "" for none`);
  }
}
