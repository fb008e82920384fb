import { createReceiver } from "@scribehook/core";
import { createHostApp } from "./app.js";
import { hostOptions } from "./options.js";

// Deno: Deno.serve around the Fetch handler. Prints `listening on <url>`; PORT=0 picks a free port.
const app = createHostApp(createReceiver(hostOptions()));

Deno.serve(
  {
    hostname: "127.0.0.1",
    port: Number(Deno.env.get("PORT") ?? 0),
    onListen: ({ port }) => console.log(`listening on http://127.0.0.1:${port}`),
  },
  (request, info) => app.fetch(request, { ip: info.remoteAddr.hostname }),
);
