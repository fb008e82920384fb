import { createServer } from "node:http";
import Koa from "koa";
import { rawBody } from "../dist";
import { handled, type MakeServer } from "./common";

/** Koa 3 reading the raw body with raw-body (what Koa body parsers do underneath). */
export const make: MakeServer = async () => {
  const app = new Koa();
  app.use(async (ctx) => {
    await rawBody(ctx.req, { limit: "25mb" });
    handled.count++;
    ctx.body = { ok: true };
  });
  return createServer(app.callback());
};
