import { createServer } from "node:http";
import express from "express";
import { importDist } from "../dist";
import { handled, type MakeServer } from "./common";
import { readsPayload, receiverOptions } from "./scribehook-options";

/** scribehook's Express middleware; the handler reads the job id (and the payload when BENCH_READ_PAYLOAD=1). */
export const make: MakeServer = async () => {
  const { transcriptionWebhook } = await importDist("express");
  const app = express();
  const hooks = transcriptionWebhook(await receiverOptions());
  hooks.onComplete((event: { jobId: string; payload: { words?: unknown[] } }) => {
    if (readsPayload && !Array.isArray(event.payload.words)) throw new Error("payload not parsed");
    if (event.jobId) handled.count++;
  });
  app.use(hooks);
  return createServer(app);
};
