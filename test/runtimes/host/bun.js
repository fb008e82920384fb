import { createReceiver } from "@scribehook/core";
import { createHostApp } from "./app.js";
import { hostOptions } from "./options.js";

// Bun: Bun.serve around the Fetch handler. Prints `listening on <url>`; PORT=0 picks a free port.
const app = createHostApp(createReceiver(hostOptions()));

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: Number(process.env.PORT ?? 0),
  fetch: (request, srv) => app.fetch(request, { ip: srv.requestIP(request)?.address }),
});
console.log(`listening on http://127.0.0.1:${server.port}`);
