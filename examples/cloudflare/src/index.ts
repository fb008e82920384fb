import { createReceiver, type Receiver } from "@scribehook/core";
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

// Workers hand secrets to the request (`env`), not to the module: the receiver is built on the first
// request, from that request's env, and kept for the isolate's later requests.
let hooks: Receiver | undefined;

function receiverFor(env: Env): Receiver {
  if (hooks) return hooks;
  hooks = createReceiver({
    providers: {
      assemblyai: { headers: { "x-webhook-token": env.AAI_TOKEN } },
      gladia: { urlToken: true },
    },
    urlTokenSecret: env.CALLBACK_URL_SECRET,
    store: durableObjectStore(env.DEDUPE),
  });
  hooks.onComplete((event) => console.log(`completed: ${event.provider} ${event.jobId}`));
  hooks.onFailed((event) =>
    console.log(`failed: ${event.provider} ${event.jobId} ${event.error?.message ?? ""}`),
  );
  return hooks;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === "/health") return Response.json({ ok: true });
    // Every other request goes to the receiver: it answers POST/PUT /webhooks/<provider> and 404s the rest.
    return receiverFor(env).fetch(request, { ip: request.headers.get("cf-connecting-ip") ?? undefined });
  },
} satisfies ExportedHandler<Env>;
