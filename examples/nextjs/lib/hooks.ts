import { createReceiver, type Receiver } from "@scribehook/core/fetch";
import { assemblyai } from "@scribehook/core/providers/assemblyai";
import { gladia } from "@scribehook/core/providers/gladia";

// One receiver per route module (each route may run in a different runtime: edge or Node.js), built
// from the same configuration. `path` is where the route lives: App Router routes live under /api here.
// `@scribehook/core/fetch` and one import per provider keep the edge bundle to what the app uses.
export function createHooks(path: string): Receiver {
  const hooks = createReceiver({
    path,
    definitions: [assemblyai, gladia],
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
