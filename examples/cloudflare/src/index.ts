import { createReceiver, signCallbackUrl } from "@scribehook/core/fetch";
import { assemblyai } from "@scribehook/core/providers/assemblyai";
import { gladia } from "@scribehook/core/providers/gladia";
import type { DedupeObject } from "./dedupe-object";
import { durableObjectStore } from "./durable-object-store";

export { DedupeObject } from "./dedupe-object";

// A Cloudflare Worker receiving AssemblyAI and Gladia callbacks at POST/PUT /webhooks/<provider>.
// `pnpm --filter @scribehook/example-cloudflare start` runs it locally (`wrangler dev`, served by workerd).

interface Env {
  AAI_TOKEN: string;
  CALLBACK_URL_SECRET: string;
  DEDUPE: DurableObjectNamespace<DedupeObject>;
}

// Workers hand secrets to the request (`env`), not to the module: the options are a function of `env`,
// built on the first request (`hooks.fetch(request, { env })`) and kept for the isolate's later ones.
// `@scribehook/core/fetch` and one import per provider keep the bundle to what the Worker uses. That
// entry bundles what only some Workers use only when given: `signCallbackUrl` here, since Gladia is
// authenticated by a signed callback URL (`hooks.callbackUrl({ provider: "gladia", baseUrl, env })`
// makes the URL to give Gladia with the job); `results: [gladiaResults]` (from
// "@scribehook/core/results/gladia") for `event.transcript()`; `watchdog: memoryWatchdog` for
// `hooks.expect()`. Without them those calls fail with a TypeError naming the import.
const hooks = createReceiver((env: Env) => ({
  definitions: [assemblyai, gladia],
  signCallbackUrl,
  providers: {
    assemblyai: { headers: { "x-webhook-token": env.AAI_TOKEN } },
    gladia: { urlToken: true },
  },
  urlTokenSecret: env.CALLBACK_URL_SECRET,
  store: durableObjectStore(env.DEDUPE),
}));

// Handlers are added at module scope; they apply once the options are built.
hooks.onComplete((event) => console.log(`completed: ${event.provider} ${event.jobId}`));
hooks.onFailed((event) =>
  console.log(`failed: ${event.provider} ${event.jobId} ${event.error?.message ?? ""}`),
);

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === "/health") return Response.json({ ok: true });
    // Every other request goes to the receiver: it answers POST/PUT /webhooks/<provider> and 404s the rest.
    const ip = request.headers.get("cf-connecting-ip") ?? undefined;
    return hooks.fetch(request, { ip, env });
  },
} satisfies ExportedHandler<Env>;
