import { createServer } from "node:http";
import express from "express";
import { importDist } from "../dist";
import { handled, type MakeServer } from "./common";
import { receiverOptions } from "./scribehook-options";

/** How long each handler takes (simulated work: a transcript download, an LLM call, a database write). */
export const HANDLER_MS = Number(process.env.BENCH_HANDLER_MS ?? 500);

/** scribehook's Express middleware without a queue: the answer waits for a handler that takes HANDLER_MS. */
export const make: MakeServer = async () => {
  const { transcriptionWebhook } = await importDist("express");
  const app = express();
  const hooks = transcriptionWebhook(await receiverOptions());
  hooks.onComplete(async (event: { jobId: string }) => {
    await new Promise((r) => setTimeout(r, HANDLER_MS));
    if (event.jobId) handled.count++;
  });
  app.use(hooks);
  return createServer(app);
};
