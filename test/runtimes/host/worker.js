import { createHostApp } from "./app.js";

// Cloudflare Workers (workerd): a module Worker. Built with `wrangler deploy --dry-run`, served by workerd.
const app = createHostApp();

export default {
  fetch: (request) => app.fetch(request, { ip: request.headers.get("cf-connecting-ip") ?? undefined }),
};
