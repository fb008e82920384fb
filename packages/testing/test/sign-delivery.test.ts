import { createHmac } from "node:crypto";
import { createReceiver, type Receiver, type TranscriptionEvent } from "@scribehook/core";
import { transcriptionWebhook } from "@scribehook/express";
import { type SampleDelivery, type SignDeliveryOptions, signDelivery } from "@scribehook/testing";
import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { builders } from "../src/providers";

const IT_SECRET = "instanttranscriber-secret";
const AAI_AUTH = { "x-webhook-token": "aai-token" };
const SCRIPTIX_AUTH = { authorization: "Bearer scriptix-token" };

const options = {
  providers: {
    assemblyai: { headers: AAI_AUTH },
    threeplay: { urlToken: true },
    gladia: { urlToken: true },
    instanttranscriber: { secret: IT_SECRET },
    scriptix: { headers: SCRIPTIX_AUTH },
  },
  urlTokenSecret: "url-secret",
};

/** How to make a verifiable delivery for each launch provider, and how to tamper with what authenticates it. */
const cases: Record<
  string,
  {
    options: (r: Receiver) => SignDeliveryOptions;
    tamper: (d: SampleDelivery) => SampleDelivery;
    refusedWith: string;
  }
> = {
  assemblyai: {
    options: () => ({ headers: AAI_AUTH }),
    tamper: (d) => ({ ...d, headers: { ...d.headers, "x-webhook-token": "aai-tokeN" } }),
    refusedWith: "header_mismatch",
  },
  threeplay: {
    options: (r) => ({ callbackUrl: r.callbackUrl({ provider: "threeplay", baseUrl: "https://x.example" }) }),
    tamper: (d) => ({
      ...d,
      path: d.path.replace(/sh_token=(.)/, (_, c) => `sh_token=${c === "e" ? "f" : "e"}`),
    }),
    refusedWith: "token_invalid",
  },
  gladia: {
    options: (r) => ({ callbackUrl: r.callbackUrl({ provider: "gladia", baseUrl: "https://x.example" }) }),
    tamper: (d) => ({
      ...d,
      path: d.path.replace(/sh_token=(.)/, (_, c) => `sh_token=${c === "e" ? "f" : "e"}`),
    }),
    refusedWith: "token_invalid",
  },
  instanttranscriber: {
    options: () => ({ secret: IT_SECRET }),
    tamper: (d) => ({ ...d, body: d.body.replace('"completed"', '"failed"') }),
    refusedWith: "signature_mismatch",
  },
  scriptix: {
    options: () => ({ headers: SCRIPTIX_AUTH }),
    tamper: (d) => ({ ...d, headers: { ...d.headers, authorization: "Bearer scriptix-tokem" } }),
    refusedWith: "header_mismatch",
  },
};

async function handle(receiver: Receiver, d: SampleDelivery) {
  const events: TranscriptionEvent[] = [];
  const off = receiver.onAny((e) => {
    events.push(e);
  });
  const res = await receiver.handle({ method: d.method, url: d.path, headers: d.headers, body: d.body });
  off();
  return { status: res.status, body: JSON.parse(res.body), events };
}

describe("signDelivery", () => {
  for (const [provider, c] of Object.entries(cases)) {
    describe(provider, () => {
      it("builds a completed delivery the receiver verifies and processes", async () => {
        const receiver = createReceiver(options);
        const d = signDelivery(provider, { ...c.options(receiver), jobId: `${provider}-job` });
        const out = await handle(receiver, d);
        expect(out.status).toBe(200);
        expect(out.events.map((e) => [e.provider, e.jobId, e.type])).toEqual([
          [provider, `${provider}-job`, "transcription.completed"],
        ]);
      });

      it(`is refused once tampered with (${c.refusedWith})`, async () => {
        const receiver = createReceiver(options);
        const d = signDelivery(provider, c.options(receiver));
        const tampered = c.tamper(d);
        expect(tampered).not.toEqual(d);
        const out = await handle(receiver, tampered);
        expect([out.status, out.body.error?.code]).toEqual([401, c.refusedWith]);
        expect(out.events).toHaveLength(0);
      });

      it("works through supertest and Express with `path`, `headers` and `body`", async () => {
        const hooks = transcriptionWebhook(options);
        const app = express().use(hooks);
        const d = signDelivery(provider, c.options(hooks));
        const seen: string[] = [];
        hooks.onAny((e) => {
          seen.push(e.provider);
        });
        const method = d.method.toLowerCase() as "post" | "put";
        await request(app)[method](d.path).set(d.headers).send(d.body).expect(200, { ok: true });
        expect(seen).toEqual([provider]);
      });
    });
  }

  it("builds the failed delivery of each provider that has one", async () => {
    const receiver = createReceiver(options);
    for (const provider of ["assemblyai", "threeplay", "gladia", "instanttranscriber"]) {
      const out = await handle(
        receiver,
        signDelivery(provider, { ...cases[provider]!.options(receiver), status: "failed" }),
      );
      expect([provider, out.status, out.events[0]?.type]).toEqual([provider, 200, "transcription.failed"]);
    }
  });

  it("signs InstantTranscriber bodies with sha256=<hex HMAC-SHA256(secret, body)>", () => {
    // The documented scheme, computed here by hand on purpose: the builder is what is under test.
    const d = signDelivery("instanttranscriber", { secret: "s", payload: { extra: 1 } });
    expect(JSON.parse(d.body)).toMatchObject({ extra: 1, status: "completed" });
    expect(d.headers["x-instanttranscriber-signature"]).toBe(
      `sha256=${createHmac("sha256", "s").update(d.body).digest("hex")}`,
    );
    expect(signDelivery("instanttranscriber").headers).not.toHaveProperty("x-instanttranscriber-signature");
  });

  it("keeps an absolute callbackUrl as `url` and puts its path and query in `path`", () => {
    const d = signDelivery("gladia", {
      callbackUrl: "https://api.example.com/hooks/gladia?sh_token=abc&x=1",
    });
    expect(d.url).toBe("https://api.example.com/hooks/gladia?sh_token=abc&x=1");
    expect(d.path).toBe("/hooks/gladia?sh_token=abc&x=1");
    expect(signDelivery("gladia").url).toBe("/webhooks/gladia");
    expect(() => signDelivery("gladia", { callbackUrl: "hooks/gladia" })).toThrow(/absolute URL or a path/);
  });

  it("lets extra headers replace generated ones whatever their case", () => {
    const d = signDelivery("threeplay", { headers: { "Content-Type": "application/json", "X-Extra": "1" } });
    expect(d.headers).toEqual({ "content-type": "application/json", "x-extra": "1" });
    expect(JSON.parse(d.body).status).toBe("complete");
  });

  it("shallow-merges payload over the sample body", () => {
    const d = signDelivery("gladia", { jobId: "g", payload: { custom_metadata: { order: 7 } } });
    const body = JSON.parse(d.body);
    expect(body).toMatchObject({ id: "g", event: "transcription.success", custom_metadata: { order: 7 } });
    expect(body.payload.transcription.full_transcript).toEqual(expect.any(String));
  });

  it("gives each delivery a fresh job id unless one is given", () => {
    const ids = new Set(
      Array.from({ length: 5 }, () => JSON.parse(signDelivery("assemblyai").body).transcript_id as string),
    );
    expect(ids.size).toBe(5);
  });

  it("uses PUT only where the provider does", () => {
    expect(signDelivery("gladia", { method: "PUT" }).method).toBe("PUT");
    expect(() => signDelivery("threeplay", { method: "PUT" })).toThrow(
      /threeplay calls back with POST, not PUT/,
    );
  });

  it("throws a clear Error for an unknown provider, naming the known ones", () => {
    expect(() => signDelivery("nope")).toThrow(/unknown provider "nope"\. Known: .*assemblyai.*threeplay/);
    expect(() => signDelivery("__proto__")).toThrow(/unknown provider/);
  });

  it("gives every registered builder's default delivery the documented shape", () => {
    for (const [provider, build] of Object.entries(builders)) {
      const d = build({ secret: "s", headers: {} });
      expect([provider, typeof d.method, typeof d.url, typeof d.path, typeof d.body]).toEqual([
        provider,
        "string",
        "string",
        "string",
        "string",
      ]);
      expect(d.path.startsWith("/")).toBe(true);
      for (const name of Object.keys(d.headers)) expect(name).toBe(name.toLowerCase());
    }
  });
});

describe("signDelivery threeplay", () => {
  it("sends every value as a string and leaves out fields set to undefined, in form and JSON", () => {
    const form = signDelivery("threeplay", { jobId: "1", payload: { batch_id: undefined, duration: 12 } });
    const fields = Object.fromEntries(new URLSearchParams(form.body));
    expect(fields).not.toHaveProperty("batch_id");
    expect(fields).toMatchObject({ id: "1", duration: "12", status: "complete" });
    const json = signDelivery("threeplay", {
      jobId: "1",
      status: "in_progress",
      headers: { "content-type": "application/json" },
      payload: { batch_id: undefined, duration: 12 },
    });
    const body = JSON.parse(json.body);
    expect(body).not.toHaveProperty("batch_id");
    expect(body).toMatchObject({ id: "1", duration: "12", status: "in_progress", cancellable: "true" });
    expect(Object.values(body).every((v) => typeof v === "string")).toBe(true);
  });
});
