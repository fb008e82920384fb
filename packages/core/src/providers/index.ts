import { assemblyai } from "./assemblyai";
import type { ProviderDefinition } from "./define-provider";

/** Every provider scribehook ships, by id. */
export const builtinProviders = {
  assemblyai,
} as const;

type PayloadOf<D> = D extends ProviderDefinition<string, infer P> ? P : never;

/** Payload type of each built-in provider. */
export type BuiltinPayloads = {
  [K in keyof typeof builtinProviders]: PayloadOf<(typeof builtinProviders)[K]>;
};

export type { AssemblyAIPayload } from "./assemblyai";
