import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { type BullmqQueueOptions, bullmqQueue } from "@scribehook/bullmq";
import { type ExpressWebhookOptions, transcriptionWebhook } from "@scribehook/express";
import express from "express";
import { assemblyaiDelivery, send } from "../../../test/support/assemblyai-delivery";

export const TOKEN = "bullmq-test-token";
export { assemblyaiDelivery, send };

/** A queue name no other test uses. */
export const queueName = () => `t-${randomUUID()}`;

/** An Express app with a `bullmqQueue()` receiver on 127.0.0.1, for AssemblyAI deliveries. */
export async function startWeb(
  port: number,
  queue: Omit<BullmqQueueOptions, "connection">,
  receiver: Partial<ExpressWebhookOptions> = {},
) {
  const q = bullmqQueue({ connection: { host: "127.0.0.1", port }, ...queue });
  const hooks = transcriptionWebhook({
    providers: { assemblyai: { headers: { "x-webhook-token": TOKEN } } },
    queue: q,
    ...receiver,
  });
  const app = express();
  app.use(hooks);
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    url,
    hooks,
    queue: q,
    deliver: (jobId: string, status = "completed") => send(url, assemblyaiDelivery(TOKEN, jobId, status)),
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await hooks.close();
    },
  };
}

/** Polls `check` every 50 ms until it returns true (the test's own timeout bounds the wait). */
export async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
}
