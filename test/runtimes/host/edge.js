import { createReceiver, signCallbackUrl } from "@scribehook/core/fetch";
import { createHostApp } from "./app.js";
import { hostOptions } from "./options.js";
import { definitions } from "./providers.js";

// Vercel's edge runtime (the `edge-runtime` package): a service-worker style script, bundled by esbuild
// with the `edge-light` condition, as Vercel bundles edge functions; `@scribehook/core/fetch` and
// one import per provider, as an edge bundle should; the signer because the host app makes callback URLs.
const app = createHostApp(createReceiver({ ...hostOptions(), definitions, signCallbackUrl }));

addEventListener("fetch", (event) => {
  event.respondWith(app.fetch(event.request));
});
