import { createReceiver, signCallbackUrl } from "@scribehook/core/fetch";
import { createHostApp } from "./app.js";
import { hostOptions, secretsFrom } from "./options.js";
import { definitions } from "./providers.js";

// Cloudflare Workers (workerd): a module Worker, built with `wrangler deploy --dry-run`, served by
// workerd. As a Worker must, it reads its secrets from `env` at request time: lazy options. The host
// app makes callback URLs, so it gives the signer (`@scribehook/core/fetch` bundles it only when given).
const app = createHostApp(
  createReceiver((env) => ({ ...hostOptions(secretsFrom(env)), definitions, signCallbackUrl })),
);

export default {
  fetch: (request, env) =>
    app.fetch(request, { ip: request.headers.get("cf-connecting-ip") ?? undefined, env }),
};
