// The load generator in its own process: `node --import tsx bench/load.ts '<json LoadSpec>'`.
// Checks one delivery by hand, warms up, measures with autocannon, prints one JSON line.
import { createRequire } from "node:module";
import { type DeliveryKind, deliveries } from "./payload";

/** What to run. */
export interface LoadSpec {
  url: string;
  kind: DeliveryKind;
  bytes: number;
  connections: number;
  /** Seconds. */
  warmup: number;
  duration: number;
}

/** What one measured run gave. */
export interface LoadResult {
  rps: number;
  p99: number;
  p50: number;
  total: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 2xx answers during warm-up, so the runner can reconcile them with the server's handled count. */
  warmup2xx: number;
}

const autocannon = createRequire(import.meta.url)("autocannon") as (opts: object) => Promise<any>;

async function main(spec: LoadSpec): Promise<LoadResult> {
  const next = deliveries(spec.kind, spec.bytes);
  const url = new URL(spec.url);

  // One delivery by hand first: it must be accepted, and as a fresh delivery, not a duplicate.
  const probe = next();
  const res = await fetch(url, { method: "POST", headers: probe.headers, body: new Uint8Array(probe.body) });
  const text = await res.text();
  if (res.status >= 300 || text.includes("duplicate")) {
    throw new Error(`probe delivery to ${url.pathname} answered ${res.status} ${text.slice(0, 200)}`);
  }

  const run = (seconds: number) =>
    autocannon({
      url: url.origin,
      connections: spec.connections,
      duration: seconds,
      timeout: 30,
      requests: [
        {
          method: "POST",
          path: url.pathname,
          // A new job id, body and signature for every request: each is a fresh delivery.
          setupRequest: (req: object) => ({ ...req, ...next(), method: "POST", path: url.pathname }),
        },
      ],
    });
  let warmup2xx = 0;
  if (spec.warmup > 0) warmup2xx = (await run(spec.warmup))["2xx"] ?? 0;
  const r = await run(spec.duration);
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    p50: r.latency.p50,
    total: r.requests.total,
    ok2xx: r["2xx"],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    warmup2xx: warmup2xx + 1,
  };
}

main(JSON.parse(process.argv[2] ?? "{}") as LoadSpec).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (err) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  },
);
