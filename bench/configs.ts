import type { DeliveryKind } from "./payload";

/** One benchmarked configuration: a server module under bench/servers and how to call it. */
export interface BenchConfig {
  id: string;
  label: string;
  framework: "node:http" | "Express" | "Koa" | "Fastify";
  /** Module in bench/servers. */
  server: string;
  kind: DeliveryKind;
  path: string;
  /** The bare server of its framework: the baseline for the "vs bare" ratio. */
  bare?: boolean;
  /** The hand-written verifier of its framework: the baseline for the "vs hand-written" ratio. */
  limit?: boolean;
  /** Workspace package whose build this needs; skipped with a note when it is not built. */
  needs?: string;
  env?: Record<string, string>;
}

const IT = "/webhooks/instanttranscriber";

/** Every configuration, in the order of the report. */
export const configs: BenchConfig[] = [
  {
    id: "node-bare",
    label: "bare node:http (reads the body)",
    framework: "node:http",
    server: "node-http-bare",
    kind: "instanttranscriber",
    path: IT,
    bare: true,
  },
  {
    id: "fetch-scribehook",
    label: "scribehook Fetch handler on node:http",
    framework: "node:http",
    server: "fetch-scribehook",
    kind: "instanttranscriber",
    path: IT,
    needs: "core",
  },
  {
    id: "express-bare",
    label: "bare Express, express.raw()",
    framework: "Express",
    server: "express-bare",
    kind: "instanttranscriber",
    path: IT,
    bare: true,
  },
  {
    id: "express-handwritten",
    label: "hand-written Express route (raw-body + HMAC + timingSafeEqual + JSON.parse)",
    framework: "Express",
    server: "express-handwritten",
    kind: "instanttranscriber",
    path: IT,
    limit: true,
  },
  {
    id: "express-scribehook",
    label: "scribehook Express",
    framework: "Express",
    server: "express-scribehook",
    kind: "instanttranscriber",
    path: IT,
    needs: "express",
  },
  {
    id: "express-scribehook-handler-500ms",
    label: "scribehook Express, handler takes 500 ms, no queue",
    framework: "Express",
    server: "express-scribehook-slow",
    kind: "instanttranscriber",
    path: IT,
    needs: "express",
  },
  {
    id: "express-scribehook-queued",
    label: "scribehook Express + bullmqQueue() (handler 500 ms on workers; redis-server AOF everysec)",
    framework: "Express",
    server: "express-scribehook-queued",
    kind: "instanttranscriber",
    path: IT,
    needs: "bullmq",
  },
  {
    id: "express-scribehook-redis",
    label: "scribehook Express, redisStore() (local redis-server)",
    framework: "Express",
    server: "express-scribehook",
    kind: "instanttranscriber",
    path: IT,
    needs: "redis",
    env: { BENCH_STORE: "redis" },
  },
  {
    id: "octokit-express",
    label: "@octokit/webhooks createNodeMiddleware on Express",
    framework: "Express",
    server: "octokit-express",
    kind: "github",
    path: "/webhooks/github",
  },
  {
    id: "koa-bare",
    label: "bare Koa (raw-body)",
    framework: "Koa",
    server: "koa-bare",
    kind: "instanttranscriber",
    path: IT,
    bare: true,
  },
  {
    id: "koa-handwritten",
    label: "hand-written Koa middleware (raw-body + HMAC + timingSafeEqual + JSON.parse)",
    framework: "Koa",
    server: "koa-handwritten",
    kind: "instanttranscriber",
    path: IT,
    limit: true,
  },
  {
    id: "koa-scribehook",
    label: "scribehook Koa",
    framework: "Koa",
    server: "koa-scribehook",
    kind: "instanttranscriber",
    path: IT,
    needs: "koa",
  },
  {
    id: "fastify-bare",
    label: "bare Fastify (Buffer parser)",
    framework: "Fastify",
    server: "fastify-bare",
    kind: "instanttranscriber",
    path: IT,
    bare: true,
  },
  {
    id: "fastify-handwritten",
    label: "hand-written Fastify route (Buffer parser + HMAC + timingSafeEqual + JSON.parse)",
    framework: "Fastify",
    server: "fastify-handwritten",
    kind: "instanttranscriber",
    path: IT,
    limit: true,
  },
  {
    id: "fastify-scribehook",
    label: "scribehook Fastify",
    framework: "Fastify",
    server: "fastify-scribehook",
    kind: "instanttranscriber",
    path: IT,
    needs: "fastify",
  },
];
