import { existsSync } from "node:fs";
import { join } from "node:path";
import { signDelivery } from "@scribehook/testing";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../runtimes/runtime-server";
import { notBuilt, runtimes } from "../runtimes/runtimes";
import { root, type Started, startExample } from "./example-process";

// The examples that run on a platform's own local server: examples/cloudflare under `wrangler dev`
// (workerd, with its Durable Object dedupe store) and examples/nextjs under `next dev` (an edge route and
// a Node.js route). Their toolchains come from scripts/install-runtimes.sh (workerd, nextjs): outside CI,
// an example whose toolchain is not installed is skipped with the reason in its name; under CI=true it
// fails. Both load the built @scribehook/core.

const TOKEN = "platform-example-token-5e";
const CI = process.env.CI === "true";
const nextDir = join(root, "examples/nextjs");

let running: Started | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const unique = (name: string) => `${name}-${Date.now().toString(36)}`;

/** One AssemblyAI delivery to `url`, sent `times` times at once; the answers' statuses and bodies. */
async function sendAai(url: string, jobId: string, opts: { token?: string; times?: number } = {}) {
  const d = signDelivery("assemblyai", { headers: { "x-webhook-token": opts.token ?? TOKEN }, jobId });
  return Promise.all(
    Array.from({ length: opts.times ?? 1 }, async () => {
      const res = await fetch(url, { method: d.method, headers: d.headers, body: d.body });
      const text = await res.text();
      try {
        return { status: res.status, body: JSON.parse(text) as Record<string, any> };
      } catch {
        return { status: res.status, body: { notJson: text.slice(0, 200) } };
      }
    }),
  );
}

function describeExample(name: string, missing: string | undefined, body: () => void) {
  const skip = missing !== undefined && !CI;
  describe.skipIf(skip)(`examples/${name}${skip ? ` (skipped: ${missing})` : ""}`, () => {
    if (missing) it("has its toolchain", () => expect.fail(`examples/${name}: ${missing}`));
    else body();
  });
}

describeExample("cloudflare", runtimes.workerd.missing ?? notBuilt, () => {
  it("starts with `wrangler dev`, verifies, and de-duplicates through its Durable Object store", async () => {
    const port = await freePort();
    const app = await startExample("cloudflare", {
      env: {
        PORT: String(port),
        AAI_TOKEN: TOKEN,
        CALLBACK_URL_SECRET: "cloudflare-example-url-secret",
        PATH: `${runtimes.workerd.binDir}:${process.env.PATH}`,
        // No telemetry, and no fetch of the `Request.cf` placeholder from Cloudflare: loopback only.
        WRANGLER_SEND_METRICS: "false",
        CLOUDFLARE_CF_FETCH_ENABLED: "false",
      },
      ready: /Ready on http:\/\/127\.0\.0\.1:\d+/,
    });
    running = app;
    const url = `http://127.0.0.1:${port}/webhooks/assemblyai`;

    const jobId = unique("cf");
    expect(await sendAai(url, jobId)).toEqual([{ status: 200, body: { ok: true } }]);
    await app.printed(new RegExp(`completed: assemblyai ${jobId}$`));
    expect(await sendAai(url, jobId)).toEqual([{ status: 200, body: { ok: true, duplicate: true } }]);

    // Concurrent copies of a new delivery: the Durable Object lets exactly one through.
    const raced = await sendAai(url, unique("cf-race"), { times: 4 });
    expect(raced.filter((r) => r.status === 200 && r.body.duplicate !== true)).toHaveLength(1);
    for (const r of raced) expect([200, 503]).toContain(r.status);

    const [forged] = await sendAai(url, unique("cf-forged"), { token: "forged" });
    expect({ status: forged!.status, code: forged!.body.error?.code }).toEqual({
      status: 401,
      code: "header_mismatch",
    });
    expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toEqual({ ok: true });
  }, 180_000);
});

const nextMissing = existsSync(join(nextDir, "node_modules/.bin/next"))
  ? notBuilt
  : "Next.js not installed: run `bash scripts/install-runtimes.sh nextjs` (npm ci in examples/nextjs)";

describeExample("nextjs", nextMissing, () => {
  it("starts with `next dev`; the edge route and the Node.js route each verify and de-duplicate", async () => {
    const port = await freePort();
    const app = await startExample("nextjs", {
      command: ["npm", "start"],
      cwd: nextDir,
      env: { PORT: String(port), AAI_TOKEN: TOKEN, NEXT_TELEMETRY_DISABLED: "1" },
      ready: /Ready in/,
    });
    running = app;

    for (const route of ["/api/node/webhooks", "/api/webhooks"]) {
      const url = `http://127.0.0.1:${port}${route}/assemblyai`;
      const jobId = unique(`next-${route.split("/").length}`);
      expect(await sendAai(url, jobId), route).toEqual([{ status: 200, body: { ok: true } }]);
      await app.printed(new RegExp(`completed: assemblyai ${jobId} \\(${route.replaceAll("/", "\\/")}\\)$`));
      expect(await sendAai(url, jobId), route).toEqual([
        { status: 200, body: { ok: true, duplicate: true } },
      ]);
      const [forged] = await sendAai(url, unique("next-forged"), { token: "forged" });
      expect({ status: forged!.status, code: forged!.body.error?.code }, route).toEqual({
        status: 401,
        code: "header_mismatch",
      });
    }
  }, 180_000);
});
