import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import koaBodyParser from "@koa/bodyparser";
import { createReceiver, type Receiver, type ReceiverOptions } from "@scribehook/core";
import { transcriptionWebhook as expressWebhook } from "@scribehook/express";
import { transcriptionWebhook as fastifyWebhook } from "@scribehook/fastify";
import { transcriptionWebhook as koaWebhook } from "@scribehook/koa";
import express5 from "express";
import express4 from "express4";
import Fastify from "fastify";
import { Hono } from "hono";
import Koa3 from "koa";
import legacyKoaBodyParser from "koa-bodyparser";
import mount from "koa-mount";
import Koa2 from "koa2";

/**
 * How the app is put together around the receiver:
 * - `normal`: scribehook first, the app's own body parser after it (the documented way);
 * - `parserKeepsRaw`: a body parser runs first but keeps the raw bytes (`rawBody`), which scribehook uses;
 * - `parserFirst`: a body parser runs first and keeps nothing (the mistake: a clear 500);
 * - `rawParserFirst`: a parser that leaves the raw bytes as the body (`express.raw()`) runs first;
 * - `prefixed`: scribehook mounted under `/api` the framework's own way (`app.use("/api", hooks)`,
 *   koa-mount, a Fastify registration prefix). A Fetch handler has no mount point: its `path` says it all.
 */
export type Mounting = "normal" | "parserKeepsRaw" | "parserFirst" | "rawParserFirst" | "prefixed";

/** The prefix of the `prefixed` mounting. */
export const PREFIX = "/api";

/** One running app on 127.0.0.1. */
export interface RunningApp {
  baseUrl: string;
  receiver: Receiver;
  close(): Promise<void>;
}

/** A framework the conformance cases run through. */
export interface Adapter {
  name: string;
  /** Mountings that exist in this framework (a body parser cannot run first inside the Fastify plugin's routes). */
  mountings: readonly Mounting[];
  start(options: ReceiverOptions, mounting?: Mounting): Promise<RunningApp>;
}

// Every app also has `POST /echo` (the app's own JSON parser), `GET /health` and `GET /webhooks/health`
// (the app's own route under the base path), to prove that requests no configured provider accepts are
// passed on and that the app's parsing still works.

function expressAdapter(name: string, express: typeof express5): Adapter {
  return {
    name,
    mountings: ["normal", "parserKeepsRaw", "parserFirst", "rawParserFirst", "prefixed"],
    async start(options, mounting = "normal") {
      const app = express();
      const hooks = expressWebhook(options);
      if (mounting === "parserKeepsRaw") {
        app.use(
          express.json({
            verify: (req, _res, buf) => {
              (req as unknown as { rawBody?: Buffer }).rawBody = buf;
            },
          }),
        );
      } else if (mounting === "parserFirst") {
        app.use(express.json());
      } else if (mounting === "rawParserFirst") {
        app.use(express.raw({ type: "*/*" }));
      }
      if (mounting === "prefixed") app.use(PREFIX, hooks);
      else app.use(hooks);
      app.use(express.json());
      app.post("/echo", (req, res) => {
        res.json({ echo: req.body });
      });
      app.get("/health", (_req, res) => {
        res.json({ ok: true });
      });
      app.get("/webhooks/health", (_req, res) => {
        res.json({ ok: true, app: true });
      });
      const server = app.listen(0, "127.0.0.1");
      return running(server, hooks);
    },
  };
}

function koaAdapter(name: string, Koa: typeof Koa3, bodyParser: () => Koa3.Middleware): Adapter {
  return {
    name,
    mountings: ["normal", "parserKeepsRaw", "parserFirst", "prefixed"],
    async start(options, mounting = "normal") {
      const app = new Koa();
      const hooks = koaWebhook(options);
      if (mounting === "parserKeepsRaw") app.use(bodyParser());
      if (mounting === "parserFirst") {
        // A hand-rolled parser that reads the stream and keeps only the parsed object.
        app.use(async (ctx, next) => {
          const chunks: Buffer[] = [];
          for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
          (ctx.request as { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString() || "{}");
          await next();
        });
      }
      app.use(mounting === "prefixed" ? mount(PREFIX, hooks as unknown as Koa3.Middleware) : hooks);
      app.use(bodyParser());
      app.use(async (ctx, next) => {
        if (ctx.method === "POST" && ctx.path === "/echo") {
          ctx.body = { echo: (ctx.request as { body?: unknown }).body };
        } else if (ctx.method === "GET" && ctx.path === "/health") {
          ctx.body = { ok: true };
        } else if (ctx.method === "GET" && ctx.path === "/webhooks/health") {
          ctx.body = { ok: true, app: true };
        } else {
          await next();
        }
      });
      const server = app.listen(0, "127.0.0.1");
      return running(server, hooks);
    },
  };
}

const fastifyAdapter: Adapter = {
  name: "fastify5",
  mountings: ["normal", "prefixed"],
  async start(options, mounting = "normal") {
    const app = Fastify();
    let receiver: Receiver | undefined;
    if (mounting === "prefixed") {
      // The decoration lands on the registering scope, not on the root app.
      await app.register(
        async (api) => {
          await api.register(fastifyWebhook, options);
          receiver = api.transcriptionWebhook;
        },
        { prefix: PREFIX },
      );
    } else {
      await app.register(fastifyWebhook, options);
      receiver = app.transcriptionWebhook;
    }
    app.post("/echo", async (req) => ({ echo: req.body }));
    app.get("/health", async () => ({ ok: true }));
    // A static route beats the plugin's wildcard in Fastify's router.
    app.get("/webhooks/health", async () => ({ ok: true, app: true }));
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as AddressInfo;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      receiver: receiver!,
      close: () => app.close(),
    };
  },
};

/** The Fetch handler, in Hono on node:http, as the README shows it. */
const fetchAdapter: Adapter = {
  name: "fetch (hono)",
  mountings: ["normal", "parserFirst"],
  async start(options, mounting = "normal") {
    const receiver = createReceiver(options);
    const app = new Hono();
    const base = receiver.path;
    if (mounting === "parserFirst") {
      app.use(`${base}/*`, async (c, next) => {
        await c.req.json().catch(() => undefined);
        await next();
      });
    }
    // The app's own route under the base path, registered first: the receiver owns the rest.
    app.get(`${base}/health`, (c) => c.json({ ok: true, app: true }));
    // all(): a method no provider uses reaches the receiver too, which answers 405 + Allow.
    app.all(`${base}/*`, (c) => receiver.fetch(c.req.raw, { ip: getConnInfo(c).remote.address }));
    app.post("/echo", async (c) => c.json({ echo: await c.req.json() }));
    app.get("/health", (c) => c.json({ ok: true }));
    const server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as Server));
    });
    return running(server, receiver);
  },
};

/** Every framework, in the order the report lists them. */
export const adapters: readonly Adapter[] = [
  expressAdapter("express4", express4 as unknown as typeof express5),
  expressAdapter("express5", express5),
  koaAdapter("koa2", Koa2 as unknown as typeof Koa3, () => legacyKoaBodyParser()),
  koaAdapter("koa3", Koa3, () => koaBodyParser() as unknown as Koa3.Middleware),
  fastifyAdapter,
  fetchAdapter,
];

async function running(server: Server, receiver: Receiver): Promise<RunningApp> {
  if (!server.listening) await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    receiver,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
