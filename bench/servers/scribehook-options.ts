import { importDist } from "../dist";
import { BENCH_SECRET } from "../payload";
import { fillToBound } from "../store";
import { handled } from "./common";

/**
 * The handler of every scribehook configuration: it reads the payload (the words of the transcript)
 * as a real handler does, and counts the delivery.
 */
export function readPayload(event: { jobId: string; payload: { words?: unknown[] } }): void {
  if (!Array.isArray(event.payload.words)) throw new Error("payload not parsed");
  if (event.jobId) handled.count++;
}

/**
 * The receiver every scribehook configuration runs: InstantTranscriber, HMAC-signed, with its dedupe
 * store filled to its bound before the first request, the state of a receiver that took more
 * deliveries within the 7-day dedupe window than its store holds: every delivery then makes the
 * store forget its oldest completed key. `BENCH_STORE=redis`: `redisStore()` on the redis-server
 * bench/run.ts started (`BENCH_REDIS_PORT`), which it filled with as many completed keys.
 */
export async function receiverOptions(): Promise<Record<string, unknown>> {
  const providers = { instanttranscriber: { secret: BENCH_SECRET } };
  if (process.env.BENCH_STORE === "redis") {
    const { redisStore } = await importDist("redis");
    const { default: Redis } = await import("ioredis");
    const redis = new Redis(Number(process.env.BENCH_REDIS_PORT), "127.0.0.1", {
      commandTimeout: 1000,
      maxRetriesPerRequest: 1,
    });
    return { providers, store: redisStore(redis, { prefix: REDIS_PREFIX }) };
  }
  const { memoryStore } = await importDist("core");
  const store = memoryStore({ warn: () => {} });
  await fillToBound(store);
  return { providers, store };
}

/** The key prefix of the Redis row; bench/run.ts fills Redis under it. */
export const REDIS_PREFIX = "bench:";
