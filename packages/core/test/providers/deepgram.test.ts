import { describe, expect, it } from "vitest";
import { harness } from "./support";

const KEY_ID = "dg-key-identifier-1";
const body = (requestId: string) =>
  JSON.stringify({
    metadata: { request_id: requestId, duration: 3.2, channels: 1 },
    results: { channels: [{ alternatives: [{ transcript: "hello world", confidence: 0.98 }] }] },
  });
const headers = { "content-type": "application/json", "dg-token": KEY_ID };

describe("deepgram", () => {
  it("turns a POSTed /v1/listen result into a completed event keyed by metadata.request_id", async () => {
    const h = harness({ providers: { deepgram: { headers: { "dg-token": KEY_ID } } } });
    const res = await h.send({ url: "/webhooks/deepgram", headers, body: body("req-1") });
    expect(res.status).toBe(200);
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({
      type: "transcription.completed",
      provider: "deepgram",
      jobId: "req-1",
      status: "completed",
      providerStatus: "completed",
      idempotencyKey: "deepgram:req-1:completed",
    });
    const e = h.events[0]!;
    if (e.provider === "deepgram") {
      expect(e.payload.results?.channels?.[0]?.alternatives?.[0]?.transcript).toBe("hello world");
    }
  });

  it("accepts PUT (callback_method=put)", async () => {
    const h = harness({ providers: { deepgram: { headers: { "dg-token": KEY_ID } } } });
    const res = await h.send({ method: "PUT", url: "/webhooks/deepgram", headers, body: body("req-put") });
    expect(res.status).toBe(200);
    expect(h.events[0]?.jobId).toBe("req-put");
  });

  it("turns an error body into a failed event with the error code and message", async () => {
    const h = harness({ providers: { deepgram: { headers: { "dg-token": KEY_ID } } } });
    const res = await h.send({
      url: "/webhooks/deepgram",
      headers,
      body: JSON.stringify({ err_code: "Bad Request", err_msg: "corrupt audio", request_id: "req-2" }),
    });
    expect(res.status).toBe(200);
    expect(h.events[0]).toMatchObject({
      type: "transcription.failed",
      jobId: "req-2",
      status: "failed",
      providerStatus: "error",
      error: { code: "Bad Request", message: "corrupt audio" },
    });
  });

  it("turns Deepgram's current error body { category, message, details, request_id } into a failed event", async () => {
    // The shape of https://developers.deepgram.com/reference/errors (the err_code/err_msg one above is the older).
    const h = harness({ providers: { deepgram: { headers: { "dg-token": KEY_ID } } } });
    const res = await h.send({
      url: "/webhooks/deepgram",
      headers,
      body: JSON.stringify({
        category: "INVALID_JSON",
        message: "Invalid JSON submitted.",
        details: "Json deserialize error: expected `:` at line 3 column 13",
        request_id: "req-3",
      }),
    });
    expect(res.status).toBe(200);
    expect(h.events[0]).toMatchObject({
      type: "transcription.failed",
      jobId: "req-3",
      status: "failed",
      providerStatus: "error",
      error: { code: "INVALID_JSON", message: "Invalid JSON submitted." },
    });
  });

  it("checks Basic auth from the callback URL as an Authorization header", async () => {
    const basic = `Basic ${Buffer.from("hook:pa55").toString("base64")}`;
    const h = harness({ providers: { deepgram: { headers: { authorization: basic } } } });
    const ok = await h.send({
      url: "/webhooks/deepgram",
      headers: { "content-type": "application/json", authorization: basic },
      body: body("req-3"),
    });
    expect(ok.status).toBe(200);
    const wrong = await h.send({
      url: "/webhooks/deepgram",
      headers: {
        "content-type": "application/json",
        authorization: `Basic ${Buffer.from("hook:nope").toString("base64")}`,
      },
      body: body("req-4"),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe("header_mismatch");
    expect(h.events.map((e) => e.jobId)).toEqual(["req-3"]);
  });

  it("refuses a missing or wrong dg-token with 401 and calls no handler", async () => {
    const h = harness({ providers: { deepgram: { headers: { "dg-token": KEY_ID } } } });
    const missing = await h.send({
      url: "/webhooks/deepgram",
      headers: { "content-type": "application/json" },
      body: body("x"),
    });
    expect(missing.status).toBe(401);
    expect(missing.json.error.code).toBe("header_missing");
    const wrong = await h.send({
      url: "/webhooks/deepgram",
      headers: { ...headers, "dg-token": "another-key" },
      body: body("x"),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe("header_mismatch");
    expect(wrong.body).not.toContain(KEY_ID);
    expect(h.events).toHaveLength(0);
  });

  it("answers GET with 405 and a body without request id with 400", async () => {
    const h = harness({ providers: { deepgram: { headers: { "dg-token": KEY_ID } } } });
    const get = await h.send({ method: "GET", url: "/webhooks/deepgram", headers });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe("POST, PUT");
    const noId = await h.send({ url: "/webhooks/deepgram", headers, body: JSON.stringify({ results: {} }) });
    expect(noId.status).toBe(400);
    expect(noId.json.error.code).toBe("job_id_missing");
  });
});
