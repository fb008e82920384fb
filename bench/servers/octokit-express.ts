import { createServer } from "node:http";
import { createNodeMiddleware, Webhooks } from "@octokit/webhooks";
import express from "express";
import { BENCH_SECRET } from "../payload";
import { handled, type MakeServer } from "./common";

/** @octokit/webhooks' createNodeMiddleware on Express, verifying GitHub's X-Hub-Signature-256. */
export const make: MakeServer = async () => {
  const webhooks = new Webhooks({ secret: BENCH_SECRET });
  webhooks.onAny(() => {
    handled.count++;
  });
  const app = express();
  app.use(createNodeMiddleware(webhooks, { path: "/webhooks/github" }));
  return createServer(app);
};
