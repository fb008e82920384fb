import type { ReceiverOptions } from "@scribehook/core";
import { expect } from "vitest";
import { aai, type ConformanceCase, expectError, expectOk, id, SECRETS } from "./cases";

// How handlers and listeners meet the HTTP answer: awaited before it, removable, and never able to
// change it from a listener.

const basic: ReceiverOptions = {
  providers: { assemblyai: { headers: { "x-webhook-token": SECRETS.aaiToken } } },
};

export const handlerCases: ConformanceCase[] = [
  {
    name: "async handlers are awaited before the response",
    options: basic,
    async run({ send, receiver }) {
      const order: string[] = [];
      receiver.onComplete(async () => {
        await new Promise((r) => setTimeout(r, 30));
        order.push("handler finished");
      });
      receiver.onAny(async () => {
        await Promise.resolve();
        order.push("onAny finished");
      });
      expectOk(await send(aai(id())));
      order.push("response received");
      expect(order).toEqual(["handler finished", "onAny finished", "response received"]);
    },
  },
  {
    name: "unsubscribing removes exactly that handler; a throwing onRejected listener does not change the answer",
    options: basic,
    async run({ send, receiver, events }) {
      const seen: string[] = [];
      const off = receiver.onComplete((e) => {
        seen.push(e.jobId);
      });
      const [a, b] = [id(), id()];
      expectOk(await send(aai(a)));
      off();
      off(); // twice is harmless
      expectOk(await send(aai(b)));
      expect(seen).toEqual([a]);
      expect(events.map((e) => e.jobId)).toEqual([a, b]);
      const offRejected = receiver.onRejected(() => {
        throw new Error("listener bug must not change the answer");
      });
      expectError(await send(aai(id(), "completed", { token: null })), 401, "header_missing");
      offRejected();
    },
  },
  {
    name: "onRejected receives every refused delivery with what it needs to log, and no secret",
    options: {
      providers: { assemblyai: { headers: { "x-webhook-token": SECRETS.aaiToken }, urlToken: true } },
      urlTokenSecret: SECRETS.urlTokenSecret,
    },
    async run({ adapter, send, rejected }) {
      expectError(await send(aai(id(), "completed", { token: "wrong" })), 401, "header_mismatch");
      expectError(await send(aai(id())), 401, "token_missing");
      expectError(await send({ method: "GET", path: "/webhooks/assemblyai" }), 405, "method_not_allowed");
      // A provider nobody configured: Express and Koa pass it on to the app (not a refusal of
      // scribehook's); Fastify and Fetch own the whole base path and refuse it.
      const unknown = await send({ method: "POST", path: "/webhooks/nope", body: "{}" });
      const sharesRoutes = adapter.startsWith("express") || adapter.startsWith("koa");
      if (sharesRoutes) expect(unknown.status).toBe(404);
      else expectError(unknown, 404, "provider_not_configured");
      expect(rejected.map((r) => [r.status, r.code])).toEqual([
        [401, "header_mismatch"],
        [401, "token_missing"],
        [405, "method_not_allowed"],
        ...(sharesRoutes ? [] : [[404, "provider_not_configured"]]),
      ]);
      expect(rejected[0]).toMatchObject({
        provider: "assemblyai",
        method: "POST",
        path: "/webhooks/assemblyai",
      });
      expect(rejected[0]!.ip).toMatch(/127\.0\.0\.1/);
      const text = JSON.stringify(rejected);
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    },
  },
];
