import { createServer, type IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { importDist } from "../dist";
import type { MakeServer } from "./common";
import { readPayload, receiverOptions } from "./scribehook-options";

/**
 * scribehook's Fetch handler (`receiver.fetch(Request)`) on node:http, with the small conversion
 * a Fetch-only runtime does for you: IncomingMessage → Request, Response → ServerResponse.
 */
export const make: MakeServer = async () => {
  const { createReceiver } = await importDist("core");
  const receiver = createReceiver(await receiverOptions());
  receiver.onComplete(readPayload);
  return createServer(async (req, res) => {
    const response: Response = await receiver.fetch(toRequest(req), { ip: req.socket.remoteAddress });
    res.writeHead(
      response.status,
      Object.fromEntries(response.headers as unknown as Iterable<[string, string]>),
    );
    res.end(Buffer.from(await response.arrayBuffer()));
  });
};

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  } as RequestInit);
}
