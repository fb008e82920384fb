import { createReceiver, type Receiver, signCallbackUrl } from "@scribehook/core/fetch";
import { assemblyai } from "@scribehook/core/providers/assemblyai";
import { gladia } from "@scribehook/core/providers/gladia";

// One receiver per route module (each route may run in a different runtime: edge or Node.js), built
// from the same configuration. `path` is where the route lives: App Router routes live under /api here.
// `@scribehook/core/fetch` and one import per provider keep the edge bundle to what the app uses.
// That entry bundles what only some apps use only when given: `signCallbackUrl` here, for
// `hooks.callbackUrl({ provider: "gladia", baseUrl })` (Gladia is authenticated by a signed callback
// URL); `results: [gladiaResults]` (from "@scribehook/core/results/gladia") for `event.transcript()`;
// `watchdog: memoryWatchdog` for `hooks.expect()`. Without them those calls fail with a TypeError
// naming the import.
export function createHooks(path: string): Receiver {
  const hooks = createReceiver({
    path,
    definitions: [assemblyai, gladia],
    signCallbackUrl,
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
