import { createServer } from "node:http";
import Koa from "koa";
import { rawBody } from "../dist";
import type { MakeServer } from "./common";
import { SIGNATURE_HEADER, verifyByHand } from "./handwritten";

/** The Koa reference: the same verification hand-written as Koa middleware over raw-body. */
export const make: MakeServer = async () => {
  const app = new Koa();
  app.use(async (ctx, next) => {
    if (ctx.method !== "POST" || ctx.path !== "/webhooks/instanttranscriber") return next();
    const body = await rawBody(ctx.req, { limit: "25mb" });
    const status = verifyByHand(body, ctx.get(SIGNATURE_HEADER));
    ctx.status = status;
    if (status === 200) ctx.body = { ok: true };
  });
  return createServer(app.callback());
};
