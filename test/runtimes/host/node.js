import { createServer } from "node:http";
import { Readable } from "node:stream";
import { createReceiver } from "@scribehook/core";
import { createHostApp } from "./app.js";
import { hostOptions } from "./options.js";

// Node.js (any version): node:http in front of the Fetch handler, the way a Fetch-API app is served on
// Node without a framework. Prints `listening on <url>`; PORT=0 picks a free port.
const app = createHostApp(createReceiver(hostOptions()));

const server = createServer(async (req, res) => {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`), {
    method: req.method,
    headers,
    body: hasBody ? Readable.toWeb(req) : undefined,
    duplex: "half",
  });
  try {
    const response = await app.fetch(request, { ip: req.socket.remoteAddress });
    res.writeHead(response.status, [...response.headers].flat());
    res.end(new Uint8Array(await response.arrayBuffer()));
  } catch (error) {
    console.error(error);
    res.writeHead(500).end();
  }
});

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
