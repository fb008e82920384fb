import { builders } from "./providers";
import type { SampleDelivery, SignDeliveryOptions } from "./types";

export {
  type ContractExpect,
  type DedupeStoreContractOptions,
  dedupeStoreContract,
} from "./store-contract";
export type { SampleDelivery, SignDeliveryOptions } from "./types";

/**
 * One delivery exactly as `provider` would send it — method, URL, headers and the raw body, signed
 * where the provider signs — for tests and local runs. Throws an `Error` for an unknown provider, or
 * for a delivery that provider never sends (a Scriptix failure, a PUT from a POST-only provider).
 *
 * @example
 * ```ts
 * import request from "supertest";
 * import { signDelivery } from "@scribehook/testing";
 *
 * const d = signDelivery("instanttranscriber", { status: "failed", secret: process.env.IT_SECRET });
 * await request(app).post(d.path).set(d.headers).send(d.body).expect(200);
 * ```
 */
export function signDelivery(provider: string, options: SignDeliveryOptions = {}): SampleDelivery {
  const build = Object.hasOwn(builders, provider) ? builders[provider] : undefined;
  if (!build) {
    throw new Error(
      `signDelivery: unknown provider ${JSON.stringify(provider)}. Known: ${Object.keys(builders).sort().join(", ")}`,
    );
  }
  return build(options);
}
