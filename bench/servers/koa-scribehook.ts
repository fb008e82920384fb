import { createServer } from "node:http";
import Koa from "koa";
import { importDist } from "../dist";
import type { MakeServer } from "./common";
import { readPayload, receiverOptions } from "./scribehook-options";

/** scribehook's Koa middleware. */
export const make: MakeServer = async () => {
  const { transcriptionWebhook } = await importDist("koa");
  const app = new Koa();
  const hooks = transcriptionWebhook(await receiverOptions());
  hooks.onComplete(readPayload);
  app.use(hooks);
  return createServer(app.callback());
};
