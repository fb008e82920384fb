import { createServer } from "node:http";
import express from "express";
import { importDist } from "../dist";
import type { MakeServer } from "./common";
import { readPayload, receiverOptions } from "./scribehook-options";

/** scribehook's Express middleware; the handler reads the payload. */
export const make: MakeServer = async () => {
  const { transcriptionWebhook } = await importDist("express");
  const app = express();
  const hooks = transcriptionWebhook(await receiverOptions());
  hooks.onComplete(readPayload);
  app.use(hooks);
  return createServer(app);
};
