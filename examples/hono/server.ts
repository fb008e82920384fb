import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { createReceiver } from "@scribehook/core";
import { Hono } from "hono";

// `pnpm --filter @scribehook/example-hono start`: a Hono app on 127.0.0.1:$PORT (3000 by default; 0 = any free port).
// The same receiver.fetch works unchanged on Bun, Deno and in Next.js route handlers.
// The root entry wires in every provider, result reader (event.transcript()), the watchdog and the
// callback URL signer. For a smaller bundle, `@scribehook/core/fetch` bundles each only when given:
// `definitions: [assemblyai, gladia]` (from "@scribehook/core/providers/<id>") and `signCallbackUrl`
// for the callbackUrl() below; see packages/core's README.
const env = (name: string, fallback: string) => process.env[name] ?? fallback;

const hooks = createReceiver({
  providers: {
    assemblyai: { headers: { "x-webhook-token": env("AAI_TOKEN", "dev-assemblyai-token") } },
    gladia: { urlToken: true },
  },
  urlTokenSecret: env("CALLBACK_URL_SECRET", "dev-callback-url-secret"),
});

hooks.onComplete((event) => console.log(`completed: ${event.provider} ${event.jobId}`));
hooks.onFailed((event) =>
  console.log(`failed: ${event.provider} ${event.jobId} ${event.error?.message ?? ""}`),
);

const app = new Hono();
// all(): Gladia may call back with PUT, and a method no provider uses gets 405 + Allow from the receiver;
// the client address is passed for allowIps (which this entry checks when given ipAllowList).
app.all("/webhooks/*", (c) => hooks.fetch(c.req.raw, { ip: getConnInfo(c).remote.address }));
app.get("/health", (c) => c.json({ ok: true }));

serve({ fetch: app.fetch, port: Number(env("PORT", "3000")), hostname: "127.0.0.1" }, ({ port }) => {
  const base = `http://127.0.0.1:${port}`;
  console.log(`listening on ${base}`);
  console.log(`Gladia callback URL: ${hooks.callbackUrl({ provider: "gladia", baseUrl: base })}`);
});
