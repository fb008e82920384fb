/**
 * A `transcriptionWorker()` in its own process, for the @scribehook/bullmq tests. Configured by
 * environment variables: `REDIS_PORT` (127.0.0.1), `QUEUE_NAME`, `HANDLER_DELAY_MS` (each handler
 * run takes this long), `CONCURRENCY`, `LOCK_DURATION_MS`, `STALLED_INTERVAL_MS`, `MAX_STALLED_COUNT`.
 * Prints one JSON object per line: `{"event":"ready"}`, `{"event":"started","jobId","attempt"}`,
 * `{"event":"handled","jobId","type","source","receivedAtIsDate","metadata"}`,
 * `{"event":"overdue","provider","jobId","expectedBy","expectedAt","datesAreDates"}`,
 * `{"event":"dead-letter","jobId","message"}`.
 */
import { transcriptionWorker } from "@scribehook/bullmq";

const env = process.env;
const say = (line: Record<string, unknown>) => void process.stdout.write(`${JSON.stringify(line)}\n`);
const num = (name: string) => (env[name] ? Number(env[name]) : undefined);
const delay = num("HANDLER_DELAY_MS") ?? 0;

const worker = transcriptionWorker({
  connection: { host: "127.0.0.1", port: Number(env.REDIS_PORT) },
  name: env.QUEUE_NAME!,
  concurrency: num("CONCURRENCY") ?? 1,
  lockDuration: num("LOCK_DURATION_MS"),
  stalledInterval: num("STALLED_INTERVAL_MS"),
  maxStalledCount: num("MAX_STALLED_COUNT"),
});
const attempts = new Map<string, number>();
worker.onAny(async (event) => {
  const attempt = (attempts.get(event.jobId) ?? 0) + 1;
  attempts.set(event.jobId, attempt);
  say({ event: "started", jobId: event.jobId, attempt });
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  say({
    event: "handled",
    jobId: event.jobId,
    type: event.type,
    source: event.source,
    receivedAtIsDate: event.receivedAt instanceof Date,
    metadata: event.metadata,
  });
});
worker.onOverdue((e) => {
  say({
    event: "overdue",
    provider: e.provider,
    jobId: e.jobId,
    expectedBy: e.expectedBy.toISOString(),
    expectedAt: e.expectedAt.toISOString(),
    datesAreDates: e.expectedBy instanceof Date && e.expectedAt instanceof Date,
  });
});
worker.onDeadLetter((event, error) => {
  say({ event: "dead-letter", jobId: event.jobId, message: error.message });
});
worker.worker.waitUntilReady().then(() => say({ event: "ready" }));
process.on("SIGTERM", () => void worker.close().then(() => process.exit(0)));
