import { checkAuthConfig } from "./check-auth-config";
import type { CompiledProvider, ProviderParts } from "./compile-providers";
import type { ReceiverOptions } from "./options";
import type { ProviderConfig, ProviderDefinition } from "./providers/define-provider";
import { compileNormaliser } from "./providers/read-declared";
import { checkResultOptions } from "./transcript/resolve";
import { parseBytes, parseDuration } from "./units";
import type { CompiledSignature } from "./verify/hmac-signature";

const DEFAULT_LIMIT = "25mb";

/**
 * Compiles one configured provider: checks its configuration (a TypeError that says how to fix a
 * mistake), and works out once what every request reads — the signature scheme in force, the
 * normaliser, the address list, the body limit.
 *
 * @example
 * ```ts
 * const compiled = compileProvider("azure", azure, { secret }, options, false, { entry: "@scribehook/core", definitions: {} });
 * ```
 */
export function compileProvider(
  id: string,
  definition: ProviderDefinition<string, any>,
  config: ProviderConfig,
  options: ReceiverOptions,
  hasUrlTokenSecret: boolean,
  parts: ProviderParts,
): CompiledProvider {
  const where = `providers.${id}`;
  const keys = checkAuthConfig(definition, config, where, hasUrlTokenSecret);
  definition.checkConfig?.(config, where);

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
    const ipAllowList = options.ipAllowList ?? parts.ipAllowList;
    if (!ipAllowList) {
      throw new TypeError(
        `${where}.allowIps: ${parts.entry} checks addresses only when given the checker: add import { ipAllowList } from "${parts.entry}" and give ipAllowList in the receiver options`,
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
  const parseMultipart = definition.formats?.includes("multipart")
    ? (definition.parseMultipart ?? parts.parseMultipart)
    : undefined;
  if (definition.formats?.includes("multipart") && !parseMultipart) {
    throw new TypeError(
      `${where}: ${definition.name} accepts multipart bodies, which ${parts.entry} reads only with the parser: add import { parseMultipart } from "${parts.entry}" and give parseMultipart in the provider's definition`,
    );
  }
  const signature = signatureInForce(definition, config, keys, where);
  checkResultOptions(config, where);
  const maxAge = typeof config.urlToken === "object" ? config.urlToken.maxAge : undefined;
  return {
    definition,
    config: {
      ...config,
      ...(config.headers ? { headers: lowerKeys(config.headers) } : {}),
      tolerance: toleranceSeconds,
      signature,
    },
    methods: definition.methods,
    allow: definition.methods.join(", "),
    limit: parseBytes(
      config.maxBodyBytes ?? options.maxBodyBytes ?? definition.maxBodyBytes ?? DEFAULT_LIMIT,
      `${where}.maxBodyBytes`,
    ),
    parseMultipart,
    ipAllowed,
    urlToken: config.urlToken
      ? { maxAgeMs: maxAge === undefined ? undefined : parseDuration(maxAge, `${where}.urlToken.maxAge`) }
      : undefined,
    verify: signature
      ? (ctx) => signature.check(ctx.header, ctx.body, toleranceSeconds)
      : definition.verifySignature,
    normalise: compileNormaliser(definition),
  };
}

/** The declared scheme with the user's override applied; refuses an override with nothing to override. */
function signatureInForce(
  definition: ProviderDefinition<string, any>,
  config: ProviderConfig,
  keys: (string | Uint8Array)[],
  where: string,
): CompiledSignature | undefined {
  if (config.signature !== undefined && !definition.signature) {
    throw new TypeError(
      definition.verifySignature
        ? `${where}.signature: ${definition.name} verifies its signature in its own code, so there is no declared scheme to override`
        : `${where}.signature: ${definition.name} does not sign its callbacks, so there is no signature scheme to override`,
    );
  }
  return definition.signature?.compile(config.signature, keys, `${where}.signature`);
}

const lowerKeys = <T>(o: Record<string, T>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
