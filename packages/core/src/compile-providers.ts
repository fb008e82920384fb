import { compileProvider } from "./compile-provider";
import type { MultipartPart } from "./multipart";
import type { ReceiverOptions } from "./options";
import type {
  Normalised,
  ProviderConfig,
  ProviderContext,
  ProviderDefinition,
} from "./providers/define-provider";
import { BUILTIN_PROVIDER_IDS } from "./providers/ids";

/** A configured provider, with everything the pipeline needs worked out once at creation. */
export interface CompiledProvider {
  definition: ProviderDefinition<string, any>;
  /** As given, with header names lower-cased and `tolerance` in seconds (what providers read). */
  config: ProviderContext["config"];
  methods: readonly string[];
  /** `Allow` header value. */
  allow: string;
  limit: number;
  /** The multipart reader, when the provider accepts `multipart` (its own, or the entry's). */
  parseMultipart?: (body: Uint8Array, boundary: string) => MultipartPart[];
  ipAllowed?: (ip: string | undefined) => boolean;
  urlToken?: { maxAgeMs?: number };
  /** Checks the signature (the declared scheme, or the definition's own verifier); set when it signs. */
  verify?: (ctx: ProviderContext) => unknown;
  /** The declared reading of a payload, then the definition's own `normalise`. */
  normalise: (payload: unknown, ctx: ProviderContext) => Normalised<unknown>;
}

/** Provider definitions by id. */
export type Definitions = Readonly<Record<string, ProviderDefinition<string, any>>>;

/** What an entry lends every provider it compiles (see `EntryParts` in receiver.ts). */
export interface ProviderParts {
  /** The entry's import path, for messages. */
  entry: string;
  /** The built-in providers the entry knows by itself. */
  definitions: Definitions;
  /** The multipart reader for providers that accept `multipart` but carry none. */
  parseMultipart?: (body: Uint8Array, boundary: string) => MultipartPart[];
  /** What `allowIps` is compiled with, unless the options give `ipAllowList`. */
  ipAllowList?: ReceiverOptions["ipAllowList"];
}

/**
 * Validates `options.providers` and compiles each entry against `parts.definitions` (every built-in provider
 * from the root entry, none from `@scribehook/core/fetch`), `options.definitions` and
 * `options.customProviders`; throws a TypeError that says how to fix a mistake.
 */
export function compileProviders(
  options: ReceiverOptions,
  hasUrlTokenSecret: boolean,
  parts: ProviderParts,
): Map<string, CompiledProvider> {
  const known = new Map<string, ProviderDefinition<string, any>>(Object.entries(parts.definitions));
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
    compiled.set(id, compileProvider(id, definition, config, options, hasUrlTokenSecret, parts));
  }
  if (compiled.size === 0) throw new TypeError("providers: configure at least one provider");
  return compiled;
}
