import { bullmqQueue } from "@scribehook/bullmq";
import { transcriptionWebhook } from "@scribehook/express";
import express from "express";
import { connection, QUEUE } from "./redis";

// The web process: verify, de-duplicate, store the event in Redis, answer 200. No handler runs here.
const hooks = transcriptionWebhook({
  providers: {
    assemblyai: { headers: { "x-webhook-token": process.env.AAI_TOKEN ?? "dev-assemblyai-token" } },
  },
  queue: bullmqQueue({ connection, name: QUEUE, attempts: 5, backoff: { type: "exponential", delay: 1000 } }),
});

const app = express();
app.use(hooks);
app.get("/health", (_req, res) => {
  res.json({ ok: true });
});
// After submitting a job to AssemblyAI: expect its callback within the given time (default 2 h).
app.post("/expect/:jobId", async (req, res) => {
  await hooks.expect({
    provider: "assemblyai",
    jobId: req.params.jobId,
    within: String(req.query.within ?? "2h"),
  });
  res.json({ ok: true });
});

const server = app.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === "object" && address ? address.port : ""}`);
});
process.on("SIGTERM", () => server.close(() => void hooks.close().then(() => process.exit(0))));
