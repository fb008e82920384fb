import { describe, expect, it } from "vitest";
import { createReceiver, type TranscriptionEvent } from "../src/index";

const TOKEN = "fetch-header-token-31c";
const auth = { "x-webhook-token": TOKEN, "content-type": "application/json" };
const URL_BASE = "https://api.example.com";

function setup(options: Partial<Parameters<typeof createReceiver>[0]> = {}) {
  const receiver = createReceiver({
    providers: { assemblyai: { headers: { "x-webhook-token": TOKEN } } },
    ...options,
  });
  const events: TranscriptionEvent[] = [];
  receiver.onAny((e) => void events.push(e));
  return { receiver, events };
}

describe("receiver.fetch (Fetch API)", () => {
  it("turns a Request into a Response: 200 {ok:true} and one event", async () => {
    const { receiver, events } = setup();
    const res = await receiver.fetch(
      new Request(`${URL_BASE}/webhooks/assemblyai`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ transcript_id: "tr_1", status: "completed" }),
      }),
    );
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ ok: true });
    expect(events.map((e) => e.jobId)).toEqual(["tr_1"]);
  });

  it("answers a duplicate and refusals as Responses with the documented bodies", async () => {
    const { receiver } = setup();
    const make = (headers: Record<string, string>) =>
      new Request(`${URL_BASE}/webhooks/assemblyai`, {
        method: "POST",
        headers,
        body: JSON.stringify({ transcript_id: "tr_2", status: "completed" }),
      });
    expect((await receiver.fetch(make(auth))).status).toBe(200);
    expect(await (await receiver.fetch(make(auth))).json()).toEqual({ ok: true, duplicate: true });
    const refused = await receiver.fetch(make({ "content-type": "application/json" }));
    expect(refused.status).toBe(401);
    const body = await refused.text();
    expect(JSON.parse(body).error.code).toBe("header_missing");
    expect(body).not.toContain(TOKEN);
  });

  it("answers 404 for a path outside the base path (there is no next() in Fetch)", async () => {
    const { receiver } = setup();
    const res = await receiver.fetch(new Request(`${URL_BASE}/elsewhere`, { method: "POST", body: "{}" }));
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
  });

  it("answers 405 with Allow", async () => {
    const { receiver } = setup();
    const res = await receiver.fetch(new Request(`${URL_BASE}/webhooks/assemblyai`));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it("streams the body: a chunked ReadableStream body is read to the end", async () => {
    const { receiver, events } = setup();
    const parts = ['{"transcript_id":', '"tr_stream",', '"status":"completed"}'];
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    });
    const res = await receiver.fetch(
      new Request(`${URL_BASE}/webhooks/assemblyai`, {
        method: "POST",
        headers: auth,
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(200);
    expect(events.map((e) => e.jobId)).toEqual(["tr_stream"]);
  });

  it("stops reading a streamed body at the limit: 413, and the stream is cancelled", async () => {
    const { receiver } = setup({ maxBodyBytes: 1024 });
    let pulls = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulls++;
        c.enqueue(new Uint8Array(256).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const res = await receiver.fetch(
      new Request(`${URL_BASE}/webhooks/assemblyai`, {
        method: "POST",
        headers: auth,
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("body_too_large");
    expect(pulls).toBeLessThan(100);
    await new Promise((r) => setImmediate(r));
    expect(cancelled).toBe(true);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const { receiver } = setup({ maxBodyBytes: 10 });
    const res = await receiver.fetch(
      new Request(`${URL_BASE}/webhooks/assemblyai`, {
        method: "POST",
        headers: { ...auth, "content-length": "100" },
        body: "x".repeat(100),
      }),
    );
    expect(res.status).toBe(413);
  });

  it("answers 500 body_already_parsed for a Request whose body was already read", async () => {
    const { receiver } = setup();
    const req = new Request(`${URL_BASE}/webhooks/assemblyai`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ transcript_id: "tr_used", status: "completed" }),
    });
    await req.text();
    const res = await receiver.fetch(req);
    expect(res.status).toBe(500);
    expect((await res.json()).error.code).toBe("body_already_parsed");
  });

  it("uses info.ip for allowIps", async () => {
    const { receiver } = setup({
      providers: { assemblyai: { headers: { "x-webhook-token": TOKEN }, allowIps: ["198.51.100.0/24"] } },
    });
    const make = () =>
      new Request(`${URL_BASE}/webhooks/assemblyai`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ transcript_id: "tr_ip", status: "completed" }),
      });
    expect((await receiver.fetch(make(), { ip: "203.0.113.1" })).status).toBe(403);
    expect((await receiver.fetch(make())).status).toBe(403);
    expect((await receiver.fetch(make(), { ip: "198.51.100.20" })).status).toBe(200);
  });
});
