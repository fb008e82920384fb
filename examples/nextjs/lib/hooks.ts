import { createReceiver, type Receiver } from "@scribehook/core";

// One receiver per route module (each route may run in a different runtime: edge or Node.js), built
// from the same configuration. `path` is where the route lives: App Router routes live under /api here.
export function createHooks(path: string): Receiver {
  const hooks = createReceiver({
    path,
    providers: {
      assemblyai: { headers: { "x-webhook-token": process.env.AAI_TOKEN ?? "dev-assemblyai-token" } },
      gladia: { urlToken: true },
    },
    urlTokenSecret: process.env.CALLBACK_URL_SECRET ?? "dev-callback-url-secret",
  });
  hooks.onComplete((event) => console.log(`completed: ${event.provider} ${event.jobId} (${path})`));
  hooks.onFailed((event) =>
    console.log(`failed: ${event.provider} ${event.jobId} ${event.error?.message ?? ""} (${path})`),
  );
  return hooks;
}
