import { createServer } from "node:http";
import Koa from "koa";
import { importDist } from "../dist";
import { handled, type MakeServer } from "./common";
import { readsPayload, receiverOptions } from "./scribehook-options";

/** scribehook's Koa middleware. */
export const make: MakeServer = async () => {
  const { transcriptionWebhook } = await importDist("koa");
  const app = new Koa();
  const hooks = transcriptionWebhook(await receiverOptions());
  hooks.onComplete((event: { jobId: string; payload: { words?: unknown[] } }) => {
    if (readsPayload && !Array.isArray(event.payload.words)) throw new Error("payload not parsed");
    if (event.jobId) handled.count++;
  });
  app.use(hooks);
  return createServer(app.callback());
};
