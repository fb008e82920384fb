import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HostEvent, hostEvents, PROVIDERS, type ProviderId, runProviderCases } from "./fetch-cases";
import { type RuntimeServer, startRuntime } from "./runtime-server";
import { notBuilt, type Runtime } from "./runtimes";

const CI = process.env.CI === "true";

/**
 * One runtime of the matrix as a describe block: the runtime serves test/runtimes/host (the built
 * packages, so `pnpm build` first), and each provider's Fetch cases are sent to it over HTTP.
 * A runtime that is not installed (or packages not built) is skipped, with the reason in the block's
 * name; under CI=true it fails instead, so CI never passes without the runtime it claims to test.
 *
 * @example
 * ```ts
 * describeRuntime(runtimes.deno);
 * ```
 */
export function describeRuntime(runtime: Runtime, providers: readonly ProviderId[] = PROVIDERS): void {
  const missing = runtime.missing ?? notBuilt;
  const skip = missing !== undefined && !CI;
  const name = skip ? `${runtime.label}: skipped, ${missing}` : runtime.label;
  describe.skipIf(skip)(name, () => {
    let server: RuntimeServer | undefined;
    const expected: HostEvent[] = [];

    beforeAll(async () => {
      if (missing) throw new Error(`${runtime.label}: ${missing}`);
      server = await startRuntime(runtime);
    }, 180_000);
    afterAll(async () => {
      await server?.stop();
    });

    // A Worker that submits a job makes its callback URL in a request handler, possibly before any
    // delivery reached the isolate: the receiver must be able to make it then, lazy options or not.
    it("makes a callback URL before any delivery arrived", async () => {
      const res = await fetch(`${server!.base}/__callback-url?provider=gladia`);
      const body = (await res.json()) as { url?: string; error?: string };
      expect({ status: res.status, body }).toEqual({
        status: 200,
        body: { url: expect.stringMatching(/\/webhooks\/gladia\?sh_token=/) },
      });
    });

    it.each(providers)("%s: valid, duplicate, forged, oversized, expired", async (provider) => {
      expected.push(...(await runProviderCases(server!.base, provider)));
    });

    it("ran each accepted delivery's handler exactly once, and no other", async () => {
      expect(await hostEvents(server!.base)).toEqual(expected);
    });
  });
}
