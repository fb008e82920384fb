import { signDelivery } from "@scribehook/testing";
import { afterEach, describe, expect, it } from "vitest";
import { notBuilt, runtimes } from "../runtimes/runtimes";
import { type Started, startExample } from "./example-process";

// Each example started with its one command (`pnpm --filter <example> start`) on a free port, then sent
// one AssemblyAI delivery (twice: the second is a duplicate) and one Gladia delivery to the callback URL
// it printed. Deno and Bun come from scripts/install-runtimes.sh: outside CI, an example whose runtime is
// not installed is skipped with the reason in its name; under CI=true it fails.

const TOKEN = "example-test-token-1d";
const CI = process.env.CI === "true";

const examples: { example: string; missing?: string; path?: string }[] = [
  { example: "koa" },
  { example: "fastify" },
  { example: "hono" },
  // These two load the built @scribehook/core (its package.json exports), as an app outside this repo would.
  { example: "deno", missing: runtimes.deno.missing ?? notBuilt, path: runtimes.deno.binDir },
  { example: "bun", missing: runtimes.bun.missing ?? notBuilt, path: runtimes.bun.binDir },
];

let running: Started | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

for (const { example, missing, path } of examples) {
  const skip = missing !== undefined && !CI;
  describe.skipIf(skip)(`examples/${example}${skip ? ` (skipped: ${missing})` : ""}`, () => {
    it("starts with one command and handles deliveries", async () => {
      if (missing) throw new Error(`examples/${example}: ${missing}`);
      const env: Record<string, string> = {
        PORT: "0",
        AAI_TOKEN: TOKEN,
        CALLBACK_URL_SECRET: "example-url-secret",
        DENO_NO_UPDATE_CHECK: "1",
      };
      if (path) env.PATH = `${path}:${process.env.PATH}`;
      const app = await startExample(example, { env });
      running = app;
      const base = app.ready.slice("listening on ".length).replace(/\/$/, "");
      const gladiaUrl = (await app.printed(/^Gladia callback URL: /)).slice("Gladia callback URL: ".length);
      expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const aai = signDelivery("assemblyai", {
        headers: { "x-webhook-token": TOKEN },
        jobId: `${example}-aai`,
      });
      const send = () => fetch(base + aai.path, { method: aai.method, headers: aai.headers, body: aai.body });
      const res = await send();
      expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { ok: true } });
      await app.printed(new RegExp(`^completed: assemblyai ${example}-aai$`));
      const again = await send();
      expect(await again.json()).toEqual({ ok: true, duplicate: true });

      const gladia = signDelivery("gladia", {
        callbackUrl: gladiaUrl,
        status: "failed",
        jobId: `${example}-gl`,
      });
      const res2 = await fetch(base + gladia.path, {
        method: gladia.method,
        headers: gladia.headers,
        body: gladia.body,
      });
      expect(res2.status).toBe(200);
      await app.printed(new RegExp(`^failed: gladia ${example}-gl `));

      const forged = await fetch(base + aai.path, {
        method: "POST",
        headers: { ...aai.headers, "x-webhook-token": "forged" },
        body: aai.body,
      });
      expect(forged.status).toBe(401);
      const health = await fetch(`${base}/health`);
      expect(await health.json()).toEqual({ ok: true });
    }, 60_000);
  });
}
