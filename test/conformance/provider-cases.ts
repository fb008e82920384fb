import type { Receiver, ReceiverOptions } from "@scribehook/core";
import { type SampleDelivery, type SignDeliveryOptions, signDelivery } from "@scribehook/testing";
import { expect } from "vitest";
import { type ConformanceCase, expectError, expectOk } from "./cases";
import type { WireRequest } from "./http";

/** Secrets of the launch providers' app (checked absent from every error by the shared assertions, too). */
const S = {
  aai: "aai-launch-token-29c1",
  it: "instanttranscriber-launch-secret-8e",
  scriptix: "scriptix-launch-token-d4",
  url: "launch-url-token-secret-71",
  azure: "azure-launch-secret-3f",
  verbitUrl: "verbit-url-secret-5a",
};

/** The five launch providers, configured as the root README's example configures them. */
const launchOptions: ReceiverOptions = {
  providers: {
    assemblyai: { headers: { "x-webhook-token": S.aai } },
    instanttranscriber: { secret: S.it },
    threeplay: { urlToken: true },
    gladia: { urlToken: true },
    scriptix: { headers: { authorization: `Bearer ${S.scriptix}` } },
  },
  urlTokenSecret: S.url,
};

/** How to make a delivery each launch provider's configuration accepts. */
const launch: Record<string, { statuses: string[]; sign: (r: Receiver) => SignDeliveryOptions }> = {
  assemblyai: { statuses: ["completed", "failed"], sign: () => ({ headers: { "x-webhook-token": S.aai } }) },
  instanttranscriber: { statuses: ["completed", "failed"], sign: () => ({ secret: S.it }) },
  threeplay: {
    statuses: ["completed", "failed"],
    sign: (r) => ({
      callbackUrl: r.callbackUrl({ provider: "threeplay", baseUrl: "https://api.example.com" }),
    }),
  },
  gladia: {
    statuses: ["completed", "failed"],
    sign: (r) => ({ callbackUrl: r.callbackUrl({ provider: "gladia", baseUrl: "https://api.example.com" }) }),
  },
  // Scriptix calls back for successful jobs only.
  scriptix: { statuses: ["completed"], sign: () => ({ headers: { authorization: `Bearer ${S.scriptix}` } }) },
};

const wire = (d: SampleDelivery): WireRequest => ({
  method: d.method,
  path: d.path,
  headers: d.headers,
  body: d.body,
});

let seq = 0;
const jobIdFor = (provider: string) => `${provider}-${Date.now().toString(36)}-${++seq}`;

function deliveryCase(provider: string, status: string): ConformanceCase {
  return {
    name: `${provider} ${status} delivery (signDelivery): 200, one event, then a duplicate`,
    options: launchOptions,
    async run({ send, receiver, events }) {
      const jobId = jobIdFor(provider);
      const d = signDelivery(provider, { ...launch[provider]!.sign(receiver), status, jobId });
      expectOk(await send(wire(d)));
      expectOk(await send(wire(d)), { ok: true, duplicate: true });
      expect(events.map((e) => [e.provider, e.jobId, e.type])).toEqual([
        [provider, jobId, status === "completed" ? "transcription.completed" : "transcription.failed"],
      ]);
    },
  };
}

/** Every launch provider's completed and failed delivery, made by @scribehook/testing, and provider edges. */
export const providerCases: ConformanceCase[] = [
  ...Object.entries(launch).flatMap(([provider, { statuses }]) =>
    statuses.map((status) => deliveryCase(provider, status)),
  ),
  {
    name: "launch providers refuse each other's deliveries and tampered ones: 401",
    options: launchOptions,
    async run({ send, receiver, events }) {
      const it = signDelivery("instanttranscriber", { secret: "not-the-secret" });
      expectError(await send(wire(it)), 401, "signature_mismatch");
      const scriptix = signDelivery("scriptix", { headers: { authorization: `Bearer ${S.aai}` } });
      expectError(await send(wire(scriptix)), 401, "header_mismatch");
      // A 3Play URL replayed against Gladia's route.
      const threeplayUrl = receiver.callbackUrl({
        provider: "threeplay",
        baseUrl: "https://api.example.com",
      });
      const token = new URL(threeplayUrl).searchParams.get("sh_token");
      const gladia = signDelivery("gladia", { callbackUrl: `/webhooks/gladia?sh_token=${token}` });
      expectError(await send(wire(gladia)), 401, "token_wrong_provider");
      expect(events).toHaveLength(0);
    },
  },
  {
    name: "gladia over PUT (its callback_config.method) is accepted like POST",
    options: launchOptions,
    async run({ send, receiver, events }) {
      const jobId = jobIdFor("gladia");
      const d = signDelivery("gladia", { ...launch.gladia!.sign(receiver), jobId, method: "PUT" });
      expect(d.method).toBe("PUT");
      expectOk(await send(wire(d)));
      expect(events.map((e) => e.jobId)).toEqual([jobId]);
    },
  },
  {
    name: "3Play in_progress: an update event, then completion is a separate delivery",
    options: launchOptions,
    async run({ send, receiver, events }) {
      const jobId = jobIdFor("threeplay");
      const sign = launch.threeplay!.sign(receiver);
      expectOk(await send(wire(signDelivery("threeplay", { ...sign, jobId, status: "in_progress" }))));
      expectOk(await send(wire(signDelivery("threeplay", { ...sign, jobId, status: "completed" }))));
      expect(events.map((e) => e.type)).toEqual(["transcription.updated", "transcription.completed"]);
    },
  },
  {
    name: "large provider body at its per-provider limit: 200; one byte over: 413",
    options: {
      ...launchOptions,
      providers: { ...launchOptions.providers, gladia: { urlToken: true, maxBodyBytes: 256 * 1024 } },
    },
    async run({ send, receiver, events }) {
      const sign = launch.gladia!.sign(receiver);
      const sized = (size: number, jobId: string) => {
        const probe = signDelivery("gladia", { ...sign, jobId, payload: { pad: "" } });
        const pad = "x".repeat(size - Buffer.byteLength(probe.body));
        const d = signDelivery("gladia", { ...sign, jobId, payload: { pad } });
        expect(Buffer.byteLength(d.body)).toBe(size);
        return d;
      };
      const jobId = jobIdFor("gladia");
      expectOk(await send(wire(sized(256 * 1024, jobId))));
      expectError(await send(wire(sized(256 * 1024 + 1, jobIdFor("gladia")))), 413, "body_too_large");
      expectError(
        await send({ ...wire(sized(256 * 1024 + 1, jobIdFor("gladia"))), chunked: true }),
        413,
        "body_too_large",
      );
      expect(events.map((e) => e.jobId)).toEqual([jobId]);
    },
  },
  {
    name: "GET subscription handshake (Azure validationToken): the token echoed as text/plain",
    options: { providers: { azure: { secret: S.azure } } },
    async run({ send, events }) {
      const res = await send({ method: "GET", path: "/webhooks/azure?validationToken=abc-123_XYZ" });
      expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: "abc-123_XYZ" });
      expect(res.headers["content-type"]).toMatch(/^text\/plain; ?charset=utf-8$/i);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      const bad = await send({ method: "GET", path: "/webhooks/azure?validationToken=%3Cscript%3E" });
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe("handshake_invalid");
      expect(events).toHaveLength(0);
    },
  },
  {
    name: "a provider's own success reply (Verbit: text OK) is sent as it is",
    options: { providers: { verbit: { urlToken: true } }, urlTokenSecret: S.verbitUrl },
    async run({ send, receiver, events }) {
      const callbackUrl = receiver.callbackUrl({ provider: "verbit", baseUrl: "https://api.example.com" });
      const d = signDelivery("verbit", { callbackUrl });
      for (let i = 0; i < 2; i++) {
        const res = await send(wire(d));
        expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: "OK" });
        expect(res.headers["content-type"]).toMatch(/^text\/plain; ?charset=utf-8$/i);
      }
      expect(events).toHaveLength(1);
    },
  },
];
