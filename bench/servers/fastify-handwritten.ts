import Fastify from "fastify";
import type { MakeServer } from "./common";
import { SIGNATURE_HEADER, verifyByHand } from "./handwritten";

/** The Fastify reference: a Buffer content-type parser, then the same verification in the route. */
export const make: MakeServer = async () => {
  const app = Fastify({ bodyLimit: 25 * 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
  app.post("/webhooks/instanttranscriber", async (req, reply) => {
    const status = verifyByHand(req.body as Buffer, req.headers[SIGNATURE_HEADER]);
    if (status === 200) return { ok: true };
    return reply.code(status).send();
  });
  await app.ready();
  return app.server;
};
