import Fastify from "fastify";
import { handled, type MakeServer } from "./common";

/** Fastify 5 with a Buffer content-type parser: the body read, not parsed. */
export const make: MakeServer = async () => {
  const app = Fastify({ bodyLimit: 25 * 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
  app.post("/webhooks/instanttranscriber", async () => {
    handled.count++;
    return { ok: true };
  });
  await app.ready();
  return app.server;
};
