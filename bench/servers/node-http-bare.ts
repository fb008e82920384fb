import { createServer } from "node:http";
import { handled, type MakeServer, OK_BODY } from "./common";

/** node:http reading the whole body and answering: the floor every framework adds to. */
export const make: MakeServer = async () =>
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      Buffer.concat(chunks);
      handled.count++;
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(OK_BODY);
    });
  });
