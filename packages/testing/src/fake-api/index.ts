import { assemblyaiApi } from "./providers/assemblyai";
import { azureApi } from "./providers/azure";
import { deepgramApi } from "./providers/deepgram";
import { elevenlabsApi } from "./providers/elevenlabs";
import { gladiaApi } from "./providers/gladia";
import { ibmApi } from "./providers/ibm";
import { instanttranscriberApi } from "./providers/instanttranscriber";
import { noResultApi } from "./providers/none";
import { revaiApi } from "./providers/revai";
import { revcomApi } from "./providers/revcom";
import { scriptixApi } from "./providers/scriptix";
import { sonioxApi } from "./providers/soniox";
import { speechmaticsApi } from "./providers/speechmatics";
import { threeplayApi } from "./providers/threeplay";
import { type FakeProviderApi, startFakeApi } from "./server";
import type { FakeApiSpec } from "./spec";

export type { FakeProviderApi } from "./server";
export type { FakeApiReply, FakeApiRequest } from "./spec";

const SPECS: Record<string, FakeApiSpec> = {
  assemblyai: assemblyaiApi,
  threeplay: threeplayApi,
  gladia: gladiaApi,
  instanttranscriber: instanttranscriberApi,
  scriptix: scriptixApi,
  deepgram: deepgramApi,
  revai: revaiApi,
  speechmatics: speechmaticsApi,
  azure: azureApi,
  elevenlabs: elevenlabsApi,
  ibm: ibmApi,
  soniox: sonioxApi,
  revcom: revcomApi,
  verbit: noResultApi,
  standardwebhooks: noResultApi,
};

/**
 * Starts a local fake of `provider`'s result API on 127.0.0.1: it checks the key the way the real API
 * does (header, scheme or query parameter), serves the documented JSON and captions for any job id
 * (ids starting with `unknown` are answered 404), counts requests, and answers 429 / 5xx / never /
 * late on request. Point `apiBaseUrl` at `api.url` and use `api.apiKey`.
 *
 * @example
 * ```ts
 * import { fakeProviderApi } from "@scribehook/testing";
 * const api = await fakeProviderApi("revai");
 * const t = await fetchTranscript({ provider: "revai", jobId: "job-1", apiKey: api.apiKey, apiBaseUrl: api.url });
 * await api.close();
 * ```
 */
export async function fakeProviderApi(
  provider: string,
  options: { apiKey?: string } = {},
): Promise<FakeProviderApi> {
  const spec = Object.hasOwn(SPECS, provider) ? SPECS[provider] : undefined;
  if (!spec) {
    throw new Error(
      `fakeProviderApi: unknown provider ${JSON.stringify(provider)}. Known: ${Object.keys(SPECS).join(", ")}`,
    );
  }
  return startFakeApi(provider, spec, options.apiKey ?? `test-${provider}-key-0123456789`);
}
