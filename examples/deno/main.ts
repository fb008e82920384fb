import { createReceiver } from "@scribehook/core";

// `deno run --allow-net=127.0.0.1 --allow-env main.ts` (or `pnpm --filter @scribehook/example-deno start`):
// scribehook's Fetch handler behind Deno.serve on 127.0.0.1:$PORT (3000 by default; 0 = any free port).
// Outside this repository, import it as an npm specifier: `import { createReceiver } from "npm:@scribehook/core"`.
// The root entry wires in every provider, result reader (event.transcript()), the watchdog and the
// callback URL signer. For a smaller bundle, `@scribehook/core/fetch` bundles each only when given:
// `definitions: [assemblyai, gladia]` (from "@scribehook/core/providers/<id>") and `signCallbackUrl`
// for the callbackUrl() below; see packages/core's README.
const env = (name: string, fallback: string) => Deno.env.get(name) ?? fallback;

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

Deno.serve(
  {
    hostname: "127.0.0.1",
    port: Number(env("PORT", "3000")),
    onListen: async ({ port }) => {
      const base = `http://127.0.0.1:${port}`;
      console.log(`listening on ${base}`);
      console.log(`Gladia callback URL: ${await hooks.callbackUrl({ provider: "gladia", baseUrl: base })}`);
    },
  },
  (request, info) => {
    const { pathname } = new URL(request.url);
    if (pathname === "/health") return Response.json({ ok: true });
    // Every other request goes to the receiver: it answers POST/PUT /webhooks/<provider> and 404s the rest.
    return hooks.fetch(request, { ip: info.remoteAddr.hostname });
  },
);
