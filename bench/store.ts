// The dedupe store's own cost per delivery (claim + complete of a fresh key), with the default
// memoryStore() empty versus filled to its bound (every delivery then forgets the oldest completed
// key). Run by `pnpm bench` (bundled to plain node, like the servers), or alone after building core:
//   npx -y pnpm@10 --filter @scribehook/core build && node --import tsx bench/store.ts
// Prints one JSON line: a StoreResult.
import { importDist } from "./dist";
import { median } from "./stats";

/** Minimal view of the built memoryStore(). */
interface Store {
  claim(key: string, owner: string, ttlMs: number): Promise<string>;
  complete(key: string, owner: string, ttlMs: number): Promise<void>;
  readonly bytes: number;
  readonly maxBytes: number;
  readonly size: number;
}

/** What one run of this benchmark gave. */
export interface StoreResult {
  /** Deliveries measured per round and state. */
  deliveries: number;
  rounds: number;
  /** Keys the full store held when measured. */
  fullKeys: number;
  maxBytes: number;
  /** Median CPU µs (user + system) per delivery over the rounds, and each round's figure. */
  emptyUs: number;
  fullUs: number;
  emptyRounds: number[];
  fullRounds: number[];
  /** The same in wall-clock µs (inflated by anything else running on the machine). */
  emptyWallUs: number;
  fullWallUs: number;
}

const CLAIM_TTL = 60_000;
const DEDUPE_TTL = 7 * 86_400_000;
/** The usual key: `<provider>:<job id>:<status>`, 65 characters. */
const keyOf = (tag: string, i: number) =>
  `instanttranscriber:${tag}-${String(i).padStart(8, "0")}-0000-0000-000000000000:completed`;

/**
 * Fills `store` with completed keys until the next one would not fit: the state of a receiver that
 * took more deliveries than its bound within the dedupe window.
 *
 * @example
 * ```ts
 * const store = memoryStore();
 * await fillToBound(store); // ~253,000 keys at the default 64 MiB
 * ```
 */
export async function fillToBound(store: Store, tag = "fill"): Promise<number> {
  let i = 0;
  const perKey = 200 + keyOf(tag, 0).length;
  while (store.bytes + perKey <= store.maxBytes) {
    const k = keyOf(tag, i++);
    await store.claim(k, "filler", CLAIM_TTL);
    await store.complete(k, "filler", DEDUPE_TTL);
  }
  return store.size;
}

/** CPU and wall-clock µs per delivery (claim + complete) over `keys`. */
async function perDelivery(store: Store, keys: readonly string[]): Promise<{ cpu: number; wall: number }> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const k of keys) {
    await store.claim(k, "owner", CLAIM_TTL);
    await store.complete(k, "owner", DEDUPE_TTL);
  }
  const wall = Number(process.hrtime.bigint() - start) / 1000 / keys.length;
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / keys.length, wall };
}

/**
 * Measures `deliveries` fresh deliveries against an empty default store and against one filled to
 * its bound, `rounds` times in alternating order, each on a new store; keys are made beforehand.
 *
 * @example
 * ```ts
 * const result = await measureStore({ deliveries: 100_000, rounds: 5 });
 * console.log(result.fullUs / result.emptyUs); // goal: within 1.10
 * ```
 */
export async function measureStore({ deliveries = 100_000, rounds = 5 } = {}): Promise<StoreResult> {
  const { memoryStore } = await importDist("core");
  const emptyRounds: number[] = [];
  const fullRounds: number[] = [];
  const emptyWall: number[] = [];
  const fullWall: number[] = [];
  let fullKeys = 0;
  let maxBytes = 0;
  // One untimed pass first, so both states run optimised code.
  await perDelivery(
    memoryStore(),
    Array.from({ length: deliveries }, (_, i) => keyOf("warm", i)),
  );
  for (let round = 0; round < rounds; round++) {
    for (const state of round % 2 ? ["full", "empty"] : ["empty", "full"]) {
      const store: Store = memoryStore({ warn: () => {} });
      maxBytes = store.maxBytes;
      if (state === "full") fullKeys = await fillToBound(store);
      const keys = Array.from({ length: deliveries }, (_, i) => keyOf(`r${round}${state}`, i));
      (globalThis as { gc?: () => void }).gc?.();
      const { cpu, wall } = await perDelivery(store, keys);
      (state === "full" ? fullRounds : emptyRounds).push(cpu);
      (state === "full" ? fullWall : emptyWall).push(wall);
    }
  }
  return {
    deliveries,
    rounds,
    fullKeys,
    maxBytes,
    emptyUs: median(emptyRounds),
    fullUs: median(fullRounds),
    emptyRounds,
    fullRounds,
    emptyWallUs: median(emptyWall),
    fullWallUs: median(fullWall),
  };
}

if (process.argv[1] && /store\.(ts|mjs)$/.test(process.argv[1])) {
  const result = await measureStore({
    deliveries: Number(process.env.BENCH_STORE_DELIVERIES ?? 100_000),
    rounds: Number(process.env.BENCH_STORE_ROUNDS ?? 5),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
