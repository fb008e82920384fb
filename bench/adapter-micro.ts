/**
 * In-process micro-benchmark of a benchmark server without sockets: each request is injected with
 * light-my-request (Fastify's own `inject()`), so what is measured is the framework and the webhook
 * code, not the kernel. Prints CPU µs per request (user + system of this process), median of rounds,
 * for scribehook and the hand-written verifier of each framework, alternating. A tool for profiling
 * and comparing changes on a shared machine; the figures users read come from `pnpm bench`.
 *
 *   node --import tsx bench/adapter-micro.ts [frameworks=express,koa,fastify] [size=1.5kb] [requests=20000]
 *
 * `octokit` as a framework compares `@octokit/webhooks` on Express with scribehook's Express adapter.
 */
import { spawnSync } from "node:child_process";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import { buildBench, root } from "./build";
import { deliveries } from "./payload";
import type { MakeServer } from "./servers/common";
import { bytesOf, median } from "./stats";

// Run as plain node on a bundle, as the servers of `pnpm bench` are: under tsx, tsconfig's paths
// would load the packages' TypeScript sources instead of their builds.
if (import.meta.url.endsWith(".ts")) {
  const run = spawnSync(process.execPath, [buildBench().micro, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, BENCH_ROOT: root },
  });
  process.exit(run.status ?? 1);
}

const [frameworks = "express,koa,fastify", size = "1.5kb", count = "20000"] = process.argv.slice(2);
const requests = Number(count);
const fastifyRequire = createRequire(createRequire(`${root}package.json`).resolve("fastify"));
const { inject } = fastifyRequire("light-my-request") as {
  inject: (
    dispatch: unknown,
    options: Record<string, unknown>,
  ) => Promise<{ statusCode: number; body: string }>;
};

const nextDelivery = {
  instanttranscriber: deliveries("instanttranscriber", bytesOf(size)),
  github: deliveries("github", bytesOf(size)),
};

async function dispatcherOf(name: string): Promise<unknown> {
  const { make } = (await import(`./servers/${name}.ts`)) as { make: MakeServer };
  const server: Server = await make();
  return server.listeners("request")[0];
}

async function cpuPerRequest(name: string, dispatch: unknown, n: number): Promise<number> {
  const kind = name.startsWith("octokit") ? "github" : "instanttranscriber";
  const batch = Array.from({ length: n }, nextDelivery[kind]);
  const cpu = process.cpuUsage();
  for (const { body, headers } of batch) {
    const res = await inject(dispatch, {
      method: "POST",
      url: `/webhooks/${kind}`,
      headers,
      payload: body,
    });
    if (res.statusCode !== 200) throw new Error(`answered ${res.statusCode}: ${res.body}`);
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / n;
}

for (const framework of frameworks.split(",")) {
  const names =
    framework === "octokit"
      ? ["octokit-express", "express-scribehook"]
      : [`${framework}-handwritten`, `${framework}-scribehook`];
  const dispatchers = await Promise.all(names.map(dispatcherOf));
  const rounds: number[][] = names.map(() => []);
  for (const [i, d] of dispatchers.entries()) await cpuPerRequest(names[i]!, d, Math.min(requests, 5000)); // warm up
  for (let round = 0; round < 5; round++) {
    for (const i of round % 2 ? [1, 0] : [0, 1])
      rounds[i]!.push(await cpuPerRequest(names[i]!, dispatchers[i], requests));
  }
  const [hand, ours] = rounds.map(median) as [number, number];
  console.log(
    `${framework.padEnd(8)} ${size}: ${names[0]} ${hand.toFixed(1)} µs, scribehook ${ours.toFixed(1)} µs CPU per request; ` +
      `throughput ratio ≈ ${(hand / ours).toFixed(2)}× (rounds: ${rounds.map((r) => r.map((x) => x.toFixed(0)).join("/")).join(" vs ")})`,
  );
}
process.exit(0);
