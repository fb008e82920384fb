import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createReceiver, type Receiver, type TranscriptionEvent } from "@scribehook/core";
import { signDelivery } from "@scribehook/testing";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";

// receiver.fetch(Request) → Response, unchanged, in the three shapes Fetch-API users write.

const TOKEN = "fetch-test-token-6b";
const options = { providers: { assemblyai: { headers: { "x-webhook-token": TOKEN } } }, maxBodyBytes: 1024 };

function recording(receiver: Receiver) {
  const events: TranscriptionEvent[] = [];
  receiver.onAny((e) => {
    events.push(e);
  });
  return events;
}

describe("Hono on @hono/node-server", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it("app.post('/webhooks/*', (c) => hooks.fetch(c.req.raw)) verifies and processes a delivery", async () => {
    const hooks = createReceiver(options);
    const events = recording(hooks);
    const app = new Hono();
    app.post("/webhooks/*", (c) => hooks.fetch(c.req.raw));
    app.get("/", (c) => c.text("home"));
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    close = () => new Promise((resolve) => server.close(() => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const d = signDelivery("assemblyai", { headers: { "x-webhook-token": TOKEN }, jobId: "hono-1" });
    const res = await fetch(new URL(d.path, base), { method: d.method, headers: d.headers, body: d.body });
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { ok: true } });
    expect(events.map((e) => e.jobId)).toEqual(["hono-1"]);

    const forged = await fetch(new URL(d.path, base), {
      method: "POST",
      headers: { ...d.headers, "x-webhook-token": "guess" },
      body: d.body,
    });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("header_mismatch");
    expect(await (await fetch(base)).text()).toBe("home");
  });
});

describe("Next.js App Router route handler", () => {
  // app/webhooks/[provider]/route.ts is a module exporting POST(req: Request): a plain function.
  const hooks = createReceiver(options);
  const events = recording(hooks);
  async function POST(req: Request): Promise<Response> {
    return hooks.fetch(req);
  }

  it("answers a delivery sent to the deployed URL", async () => {
    const d = signDelivery("assemblyai", { headers: { "x-webhook-token": TOKEN }, jobId: "next-1" });
    const req = new Request(new URL(d.path, "https://app.example.com"), {
      method: "POST",
      headers: d.headers,
      body: d.body,
    });
    const res = await POST(req);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ ok: true });
    const again = await POST(
      new Request(new URL(d.path, "https://app.example.com"), {
        method: "POST",
        headers: d.headers,
        body: d.body,
      }),
    );
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    expect(events.map((e) => e.jobId)).toEqual(["next-1"]);
  });
});

describe("plain Request / Response", () => {
  const body = JSON.stringify({ transcript_id: "plain-1", status: "completed" });
  const headers = { "content-type": "application/json", "x-webhook-token": TOKEN };
  const streamOf = (text: string, pieces = 4) => {
    const bytes = new TextEncoder().encode(text);
    const step = Math.ceil(bytes.length / pieces);
    let at = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) controller.close();
        else {
          controller.enqueue(bytes.subarray(at, at + step));
          at += step;
        }
      },
    });
  };
  const post = (b: BodyInit, extra: Record<string, string> = {}) =>
    new Request("http://localhost/webhooks/assemblyai", {
      method: "POST",
      headers: { ...headers, ...extra },
      body: b,
      duplex: "half",
    } as RequestInit);

  it("reads a streamed body and answers with a Response", async () => {
    const hooks = createReceiver(options);
    const events = recording(hooks);
    const res = await hooks.fetch(post(streamOf(body)));
    expect(res).toBeInstanceOf(Response);
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { ok: true } });
    expect(events.map((e) => e.jobId)).toEqual(["plain-1"]);
  });

  it("refuses a streamed body over the limit with 413, and a declared one before reading", async () => {
    const hooks = createReceiver(options);
    const big = JSON.stringify({ transcript_id: "big", status: "completed", pad: "x".repeat(2000) });
    const streamed = await hooks.fetch(post(streamOf(big, 8)));
    expect(streamed.status).toBe(413);
    const declared = await hooks.fetch(post(big, { "content-length": String(big.length) }));
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe("body_too_large");
  });

  it("answers 500 body_already_parsed when the body was read before the receiver", async () => {
    const hooks = createReceiver(options);
    const req = post(body);
    await req.json();
    const res = await hooks.fetch(req);
    expect(res.status).toBe(500);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("body_already_parsed");
    // The fix a Fetch user needs, not only the Node body parsers'.
    expect(error.message).toMatch(/On a Fetch handler, give it the Request before anything reads the body/);
  });

  it("passes the client address for allowIps", async () => {
    const hooks = createReceiver({
      providers: { assemblyai: { headers: { "x-webhook-token": TOKEN }, allowIps: ["10.1.0.0/16"] } },
    });
    expect((await hooks.fetch(post(body), { ip: "10.1.2.3" })).status).toBe(200);
    expect((await hooks.fetch(post(body), { ip: "10.2.0.1" })).status).toBe(403);
  });
});
