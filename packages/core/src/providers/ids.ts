/**
 * The id of every provider scribehook ships, without their code: the `@scribehook/core/fetch` entry
 * uses it to tell a missing import from a typo. A test checks it against `builtinProviders`.
 */
export const BUILTIN_PROVIDER_IDS: readonly string[] = [
  "assemblyai",
  "threeplay",
  "gladia",
  "instanttranscriber",
  "scriptix",
  "deepgram",
  "revai",
  "speechmatics",
  "azure",
  "elevenlabs",
  "ibm",
  "soniox",
  "revcom",
  "verbit",
  "standardwebhooks",
];
