import Fastify from "fastify";
import { importDist } from "../dist";
import type { MakeServer } from "./common";
import { readPayload, receiverOptions } from "./scribehook-options";

/** scribehook's Fastify plugin. */
export const make: MakeServer = async () => {
  const { transcriptionWebhook } = await importDist("fastify");
  const app = Fastify();
  await app.register(transcriptionWebhook, await receiverOptions());
  (app as any).transcriptionWebhook.onComplete(readPayload);
  await app.ready();
  return app.server;
};
