import { createReceiver } from "@scribehook/core/fetch";
import { createHostApp } from "./app.js";
import { hostOptions, secretsFrom } from "./options.js";
import { definitions } from "./providers.js";

// Cloudflare Workers (workerd): a module Worker, built with `wrangler deploy --dry-run`, served by
// workerd. As a Worker must, it reads its secrets from `env` at request time: lazy options.
const app = createHostApp(createReceiver((env) => ({ ...hostOptions(secretsFrom(env)), definitions })));

export default {
  fetch: (request, env) =>
    app.fetch(request, { ip: request.headers.get("cf-connecting-ip") ?? undefined, env }),
};
