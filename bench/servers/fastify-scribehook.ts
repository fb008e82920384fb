import Fastify from "fastify";
import { importDist } from "../dist";
import { handled, type MakeServer } from "./common";
import { readsPayload, receiverOptions } from "./scribehook-options";

/** scribehook's Fastify plugin. */
export const make: MakeServer = async () => {
  const { transcriptionWebhook } = await importDist("fastify");
  const app = Fastify();
  await app.register(transcriptionWebhook, await receiverOptions());
  (app as any).transcriptionWebhook.onComplete((event: { jobId: string; payload: { words?: unknown[] } }) => {
    if (readsPayload && !Array.isArray(event.payload.words)) throw new Error("payload not parsed");
    if (event.jobId) handled.count++;
  });
  await app.ready();
  return app.server;
};
