import type { ClaimResult, DedupeStore } from "@scribehook/core";
import type { Cluster, Redis } from "ioredis";

/**
 * Options of {@link redisStore}.
 *
 * @example
 * ```ts
 * const options: RedisStoreOptions = { prefix: "billing:webhooks:", timeout: 1500 };
 * const store = redisStore(redis, options);
 * ```
 */
export interface RedisStoreOptions {
  /**
   * Prepended to every key, so several receivers (or apps) can share one Redis without meeting.
   * Default `"scribehook:"`.
   */
  prefix?: string;
  /**
   * Longest wait for Redis per operation, in ms; past it the operation rejects and the receiver
   * answers 503 (the provider retries). A safety net on top of the client's own `commandTimeout`.
   * Default 2000. `0` turns it off.
   */
  timeout?: number;
}

/**
 * The Redis store, with the prefix it writes under (handy in tests and when inspecting Redis).
 *
 * @example
 * ```ts
 * const store: RedisDedupeStore = redisStore(redis, { prefix: "myapp:" });
 * await redis.keys(`${store.prefix}*`); // e.g. ["myapp:assemblyai:5551:completed"]
 * ```
 */
export interface RedisDedupeStore extends DedupeStore {
  readonly prefix: string;
  renew(key: string, owner: string, ttlMs: number): Promise<boolean>;
}

/** Stored value of a completed key. Claims store `CLAIM + owner`, so the two can never be confused. */
const DONE = "done";
const CLAIM = "claim:";

// One round trip that both tries the claim and, if it fails, says why: SET NX alone cannot tell a
// completed key from one still in flight, and a separate GET could see a key that expired in between.
const CLAIM_SCRIPT = `
local current = redis.call("GET", KEYS[1])
if not current then
  redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
  return "claimed"
end
if current == "${DONE}" then return "duplicate" end
return "in_progress"
`;

// Compare-and-delete: only the owner may drop its claim, and never a completed key.
const RELEASE_SCRIPT = `
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("DEL", KEYS[1])
end
return 0
`;

// Compare-and-extend: only the owner's live claim gets a new expiry; a completed, released, expired
// or since re-claimed key answers 0.
const RENEW_SCRIPT = `
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("PEXPIRE", KEYS[1], ARGV[2])
end
return 0
`;

type ScriptClient = (Redis | Cluster) & {
  scribehookClaim?(key: string, value: string, ttlMs: number): Promise<ClaimResult>;
  scribehookRelease?(key: string, value: string): Promise<number>;
  scribehookRenew?(key: string, value: string, ttlMs: number): Promise<number>;
};

/**
 * The dedupe store on Redis (via ioredis), shared by every instance of your app behind a load
 * balancer: of concurrent deliveries of one event, on any instance, exactly one runs its handlers.
 *
 * - `claim` is one atomic Lua script: set the key with the claim's expiry if it is absent, otherwise
 *   report whether it is completed (`"duplicate"`) or in flight (`"in_progress"`).
 * - `renew` extends the claim's expiry only if the key still holds this owner's claim (one script).
 * - `complete` overwrites the key with a completion marker that expires after `dedupeTtl`.
 * - `release` deletes the key only if it still holds this owner's claim (compare-and-delete).
 *
 * Every operation rejects when Redis is unreachable or slow (see `timeout`), so the receiver answers
 * 503 and the provider retries later: nothing is acknowledged that was not processed. Configure the
 * client to fail fast rather than queue (see the package README).
 *
 * @example
 * ```ts
 * import { Redis } from "ioredis";
 * import { transcriptionWebhook } from "@scribehook/express";
 * import { redisStore } from "@scribehook/redis";
 *
 * const redis = new Redis(process.env.REDIS_URL!, {
 *   commandTimeout: 1000,      // a hung Redis becomes a 503, not a hung webhook
 *   maxRetriesPerRequest: 1,   // fail fast while Redis is down; the provider retries
 *   enableOfflineQueue: false, // do not queue commands while disconnected
 * });
 * const hooks = transcriptionWebhook({
 *   providers: { assemblyai: { headers: { "x-webhook-token": process.env.AAI_TOKEN! } } },
 *   store: redisStore(redis, { prefix: "myapp:webhooks:" }),
 * });
 * ```
 */
export function redisStore(client: Redis | Cluster, options: RedisStoreOptions = {}): RedisDedupeStore {
  if (!client || typeof (client as Redis).defineCommand !== "function") {
    throw new TypeError(
      "redisStore: pass an ioredis client, e.g. redisStore(new Redis(process.env.REDIS_URL))",
    );
  }
  const prefix = options.prefix ?? "scribehook:";
  if (typeof prefix !== "string") throw new TypeError("redisStore: prefix must be a string");
  const timeout = options.timeout ?? 2000;
  if (!(Number.isFinite(timeout) && timeout >= 0)) {
    throw new TypeError("redisStore: timeout must be a number of milliseconds (0 turns it off)");
  }

  const redis = client as ScriptClient;
  // defineCommand runs the script by its SHA and re-sends it when Redis answers NOSCRIPT (after a
  // restart or SCRIPT FLUSH). Several stores may share one client: define once.
  if (typeof redis.scribehookClaim !== "function") {
    redis.defineCommand("scribehookClaim", { numberOfKeys: 1, lua: CLAIM_SCRIPT });
  }
  if (typeof redis.scribehookRelease !== "function") {
    redis.defineCommand("scribehookRelease", { numberOfKeys: 1, lua: RELEASE_SCRIPT });
  }
  if (typeof redis.scribehookRenew !== "function") {
    redis.defineCommand("scribehookRenew", { numberOfKeys: 1, lua: RENEW_SCRIPT });
  }

  const key = (k: string) => prefix + k;
  const bounded = <T>(what: string, op: () => Promise<T>): Promise<T> => {
    let promise: Promise<T>;
    try {
      promise = op();
    } catch (err) {
      return Promise.reject(storeError(what, err));
    }
    if (timeout === 0) return promise.catch((err) => Promise.reject(storeError(what, err)));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`redisStore: ${what} took longer than ${timeout} ms`)),
        timeout,
      );
    });
    return Promise.race([promise.catch((err) => Promise.reject(storeError(what, err))), deadline]).finally(
      () => clearTimeout(timer),
    );
  };

  return {
    prefix,
    claim(k, owner, ttlMs) {
      return bounded("claim", async () => {
        const result = await redis.scribehookClaim!(key(k), CLAIM + owner, ttlMillis(ttlMs));
        if (result !== "claimed" && result !== "duplicate" && result !== "in_progress") {
          throw new Error(`unexpected reply ${JSON.stringify(result)}`);
        }
        return result;
      });
    },
    renew(k, owner, ttlMs) {
      return bounded("renew", async () => {
        return (await redis.scribehookRenew!(key(k), CLAIM + owner, ttlMillis(ttlMs))) === 1;
      });
    },
    complete(k, _owner, ttlMs) {
      // Unconditional: the handlers ran, so the key is processed even if this claim had expired meanwhile.
      return bounded("complete", async () => {
        await redis.set(key(k), DONE, "PX", ttlMillis(ttlMs));
      });
    },
    release(k, owner) {
      return bounded("release", async () => {
        await redis.scribehookRelease!(key(k), CLAIM + owner);
      });
    },
  };
}

/** Redis wants a positive integer of milliseconds. */
const ttlMillis = (ms: number) => Math.max(1, Math.ceil(ms));

/** Wraps the client's error; ioredis errors never carry the password, but say which operation failed. */
function storeError(what: string, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  return new Error(`redisStore: ${what} failed: ${message}`, { cause: err });
}
