/**
 * A web process with a `bullmqQueue()` receiver (Express), for the @scribehook/bullmq tests:
 * AssemblyAI deliveries with `x-webhook-token: $APP_TOKEN` at `/webhooks/assemblyai`, and
 * `POST /expect?jobId=…&within=…` calling `hooks.expect()` for AssemblyAI. Configured by
 * `REDIS_PORT` (127.0.0.1), `QUEUE_NAME`, `APP_TOKEN`. Prints `{"event":"ready","port"}`.
 */
import { createServer } from "node:http";
import { bullmqQueue } from "@scribehook/bullmq";
import { transcriptionWebhook } from "@scribehook/express";
import express from "express";

const env = process.env;
const hooks = transcriptionWebhook({
  providers: { assemblyai: { headers: { "x-webhook-token": env.APP_TOKEN! } } },
  queue: bullmqQueue({
    connection: { host: "127.0.0.1", port: Number(env.REDIS_PORT) },
    name: env.QUEUE_NAME!,
  }),
});
const app = express();
app.use(hooks);
app.post("/expect", async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  await hooks.expect({
    provider: "assemblyai",
    jobId: url.searchParams.get("jobId")!,
    within: url.searchParams.get("within")!,
  });
  res.json({ ok: true });
});
const server = createServer(app);
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ event: "ready", port: typeof address === "object" && address ? address.port : 0 })}\n`,
  );
});
