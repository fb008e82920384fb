import { createHostApp } from "./app.js";

// Vercel's edge runtime (the `edge-runtime` package): a service-worker style script, bundled by esbuild
// with the `edge-light` condition, as Vercel bundles edge functions.
const app = createHostApp();

addEventListener("fetch", (event) => {
  event.respondWith(app.fetch(event.request));
});
