import { createReceiver } from "@scribehook/core";

// `bun run server.ts` (or `pnpm --filter @scribehook/example-bun start`): scribehook's Fetch handler
// behind Bun.serve on 127.0.0.1:$PORT (3000 by default; 0 = any free port).
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

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: Number(env("PORT", "3000")),
  routes: {
    "/health": Response.json({ ok: true }),
  },
  // Every other request goes to the receiver: it answers POST/PUT /webhooks/<provider> and 404s the rest.
  fetch: (request, srv) => hooks.fetch(request, { ip: srv.requestIP(request)?.address }),
});

const base = `http://127.0.0.1:${server.port}`;
console.log(`listening on ${base}`);
console.log(`Gladia callback URL: ${await hooks.callbackUrl({ provider: "gladia", baseUrl: base })}`);
