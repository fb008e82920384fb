import type { RedisClient } from "bullmq";

let warned = false;

/**
 * Warns once per process when Redis may evict keys (`maxmemory-policy` other than `noeviction`):
 * an evicted BullMQ key is a lost delivery or a corrupt queue. Reads `INFO memory`, which managed
 * Redis services allow where `CONFIG GET` is disabled; a failure to read it is ignored.
 *
 * @example
 * ```ts
 * await warnIfEvicting(await queue.client);
 * ```
 */
export async function warnIfEvicting(client: RedisClient, warn: (message: string) => void = console.warn) {
  if (warned) return;
  let info: string;
  try {
    info = String(await (client as unknown as { info(section: string): Promise<string> }).info("memory"));
  } catch {
    return;
  }
  const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
  if (!policy || policy === "noeviction" || warned) return;
  warned = true;
  warn(
    `@scribehook/bullmq: Redis maxmemory-policy is "${policy}": Redis may evict queued deliveries. Set maxmemory-policy noeviction (and appendonly yes) on the Redis that holds the queue.`,
  );
}
