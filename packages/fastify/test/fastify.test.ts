import type { Receiver } from "@scribehook/core";
import { transcriptionWebhook } from "@scribehook/fastify";
import { signDelivery } from "@scribehook/testing";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";

// What only the Fastify plugin has: bodyLimit, prefixes, the decoration, Fastify's own media-type check.
// Everything a delivery gets is in test/conformance, run through every framework.

const TOKEN = "fastify-test-token-2c";
const providers = { assemblyai: { headers: { "x-webhook-token": TOKEN } } };
const delivery = (payload?: Record<string, unknown>) =>
  signDelivery("assemblyai", { headers: { "x-webhook-token": TOKEN }, ...(payload ? { payload } : {}) });

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const inject = (a: FastifyInstance, d: ReturnType<typeof delivery>, url = d.path) =>
  a.inject({ method: d.method as "POST", url, headers: d.headers, payload: d.body });

describe("@scribehook/fastify", () => {
  it("decorates app.transcriptionWebhook with the receiver, typed by module augmentation", async () => {
    app = Fastify();
    await app.register(transcriptionWebhook, { providers });
    expectTypeOf(app.transcriptionWebhook).toEqualTypeOf<Receiver>();
    const seen: string[] = [];
    app.transcriptionWebhook.onComplete((e) => {
      seen.push(e.jobId);
    });
    const d = delivery();
    const res = await inject(app, d);
    expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 200, body: { ok: true } });
    expect(seen).toHaveLength(1);
    expect(app.transcriptionWebhook.path).toBe("/webhooks");
  });

  it("bodyLimit in the plugin options is the webhook routes' limit", async () => {
    app = Fastify();
    await app.register(transcriptionWebhook, { providers, bodyLimit: 300 });
    const small = delivery();
    expect((await inject(app, small)).statusCode).toBe(200);
    const big = delivery({ pad: "x".repeat(400) });
    const res = await inject(app, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe("body_too_large");
  });

  it("the server's bodyLimit keeps applying to the app's routes, not to the webhook routes", async () => {
    app = Fastify({ bodyLimit: 1024 });
    await app.register(transcriptionWebhook, { providers });
    app.post("/echo", async (req) => ({ echo: req.body }));
    const big = delivery({ pad: "x".repeat(4096) });
    expect((await inject(app, big)).statusCode).toBe(200);
    const echo = await app.inject({ method: "POST", url: "/echo", payload: { pad: "x".repeat(4096) } });
    expect(echo.statusCode).toBe(413);
  });

  it("refuses bodyLimit together with maxBodyBytes", async () => {
    app = Fastify();
    await expect(
      app.register(transcriptionWebhook, { providers, bodyLimit: 10, maxBodyBytes: 10 }),
    ).rejects.toThrow(/bodyLimit or maxBodyBytes/);
  });

  it("works under a registration prefix", async () => {
    app = Fastify();
    await app.register(
      async (api) => {
        await api.register(transcriptionWebhook, { providers });
      },
      { prefix: "/api" },
    );
    const d = delivery();
    expect((await inject(app, d, `/api${d.path}`)).statusCode).toBe(200);
  });

  it("answers a Content-Type Fastify cannot parse the way core does everywhere (core's 415 unsupported_media_type JSON)", async () => {
    app = Fastify();
    await app.register(transcriptionWebhook, { providers });
    const d = delivery();
    const res = await inject(app, { ...d, headers: { ...d.headers, "content-type": "not a media type" } });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe("unsupported_media_type");
  });

  it("leaves other methods and paths to the app", async () => {
    app = Fastify();
    await app.register(transcriptionWebhook, { providers });
    app.delete("/webhooks/assemblyai", async () => ({ mine: true }));
    app.get("/webhooks/status", async () => ({ status: "up" }));
    expect((await app.inject({ method: "DELETE", url: "/webhooks/assemblyai" })).json()).toEqual({
      mine: true,
    });
    expect((await app.inject({ method: "GET", url: "/webhooks/status" })).json()).toEqual({ status: "up" });
  });
});
