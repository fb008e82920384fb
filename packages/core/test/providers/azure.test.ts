import { signDelivery } from "@scribehook/testing";
import { describe, expect, it } from "vitest";
import { harness, hmac } from "./support";

const SECRET = "azure-webhook-secret";
const setup = () => harness({ providers: { azure: { secret: SECRET } } });
const ID = "2e856efe-ef53-465a-a632-6a084c1d349d";
const entity = (fields: Record<string, unknown>) =>
  JSON.stringify({
    self: `https://westus.api.cognitive.microsoft.com/speechtotext/transcriptions/${ID}?api-version=2024-11-15`,
    displayName: "call 42",
    locale: "en-US",
    ...fields,
  });
/** Headers of an Azure web hook call of exactly `body` for `event`, signed by the delivery builder. */
const signed = (body: string, event: string, secret = SECRET) =>
  signDelivery("azure", { body, secret, headers: { "x-microsoftspeechservices-event": event } }).headers;

describe("azure", () => {
  it("maps a signed TranscriptionCompletion with Succeeded → completed, id from self", async () => {
    const h = setup();
    const body = entity({ status: "Succeeded" });
    const res = await h.send({
      url: "/webhooks/azure",
      headers: signed(body, "TranscriptionCompletion"),
      body,
    });
    expect(res.status).toBe(200);
    expect(h.events[0]).toMatchObject({
      type: "transcription.completed",
      provider: "azure",
      jobId: ID,
      status: "completed",
      providerStatus: "Succeeded",
      idempotencyKey: `azure:${ID}:Succeeded`,
    });
  });

  it("maps Failed → failed with properties.error", async () => {
    const h = setup();
    const body = entity({
      status: "Failed",
      properties: { error: { code: "InvalidData", message: "Audio format not supported" } },
    });
    await h.send({ url: "/webhooks/azure", headers: signed(body, "TranscriptionCompletion"), body });
    expect(h.events[0]).toMatchObject({
      type: "transcription.failed",
      status: "failed",
      error: { code: "InvalidData", message: "Audio format not supported" },
    });
  });

  it("maps Running → processing and acknowledges a deletion event without a handler (no second completion)", async () => {
    const h = setup();
    const running = entity({ status: "Running" });
    await h.send({
      url: "/webhooks/azure",
      headers: signed(running, "TranscriptionProcessing"),
      body: running,
    });
    const deleted = entity({ status: "Succeeded" });
    const res = await h.send({
      url: "/webhooks/azure",
      headers: signed(deleted, "TranscriptionDeletion"),
      body: deleted,
    });
    expect(JSON.parse(res.body)).toEqual({ ok: true, ignored: true });
    expect(h.events.map((e) => [e.type, e.status])).toEqual([["transcription.updated", "processing"]]);
  });

  it("refuses a missing signature, a wrong secret and a tampered body with 401", async () => {
    const h = setup();
    const body = entity({ status: "Succeeded" });
    const missing = await h.send({
      url: "/webhooks/azure",
      headers: {
        "content-type": "application/json",
        "x-microsoftspeechservices-event": "TranscriptionCompletion",
      },
      body,
    });
    expect([missing.status, missing.json.error.code]).toEqual([401, "signature_missing"]);
    const wrong = await h.send({
      url: "/webhooks/azure",
      headers: signed(body, "TranscriptionCompletion", "other-secret"),
      body,
    });
    expect([wrong.status, wrong.json.error.code]).toEqual([401, "signature_mismatch"]);
    const tampered = await h.send({
      url: "/webhooks/azure",
      headers: signed(body, "TranscriptionCompletion"),
      body: body.replace("Succeeded", "Failed"),
    });
    expect([tampered.status, tampered.json.error.code]).toEqual([401, "signature_mismatch"]);
    expect(wrong.body).not.toContain(SECRET);
    expect(h.events).toHaveLength(0);
  });

  it("answers the challenge (POST and GET) with the validationToken as text/plain, calling no handler", async () => {
    const h = setup();
    const post = await h.send({
      url: "/webhooks/azure?validationToken=abc-123_XYZ",
      headers: { "x-microsoftspeechservices-event": "challenge" },
    });
    expect(post.status).toBe(200);
    expect(post.body).toBe("abc-123_XYZ");
    expect(post.headers["content-type"]).toMatch(/^text\/plain/);
    expect(post.headers["x-content-type-options"]).toBe("nosniff");
    const get = await h.send({ method: "GET", url: "/webhooks/azure?validationToken=tok2" });
    expect([get.status, get.body]).toEqual([200, "tok2"]);
    expect(h.events).toHaveLength(0);
  });

  it("refuses a challenge without a token, or with markup in it, with 400", async () => {
    const h = setup();
    const none = await h.send({
      url: "/webhooks/azure",
      headers: { "x-microsoftspeechservices-event": "challenge" },
    });
    expect([none.status, none.json.error.code]).toEqual([400, "handshake_invalid"]);
    const markup = await h.send({
      method: "GET",
      url: `/webhooks/azure?validationToken=${encodeURIComponent("<script>alert(1)</script>")}`,
    });
    expect([markup.status, markup.json.error.code]).toEqual([400, "handshake_invalid"]);
    expect(markup.body).not.toContain("<script>");
  });

  it("acknowledges a ping without calling any handler", async () => {
    const h = setup();
    const body = JSON.stringify({ self: "https://x/webhooks/abc", displayName: "hook" });
    const res = await h.send({ url: "/webhooks/azure", headers: signed(body, "ping"), body });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, ping: true });
    expect(h.events).toHaveLength(0);
  });

  it("a challenge cannot carry a delivery past authentication", async () => {
    const h = setup();
    // A forged completion with a challenge token attached: answered as a challenge, never processed.
    const body = entity({ status: "Succeeded" });
    const res = await h.send({
      url: "/webhooks/azure?validationToken=t",
      headers: { "content-type": "application/json", "x-microsoftspeechservices-event": "challenge" },
      body,
    });
    expect(res.body).toBe("t");
    // The same forged completion as a normal delivery is refused.
    const forged = await h.send({
      url: "/webhooks/azure?validationToken=t",
      headers: {
        "content-type": "application/json",
        "x-microsoftspeechservices-event": "TranscriptionCompletion",
      },
      body,
    });
    expect(forged.status).toBe(401);
    expect(h.events).toHaveLength(0);
  });

  it("lets the signature header and encoding be overridden", async () => {
    const h = harness({
      providers: { azure: { secret: SECRET, signature: { header: "x-sig", encoding: "hex" } } },
    });
    const body = entity({ status: "Succeeded" });
    // Signed by hand on purpose: an overridden scheme Azure never sends, which the builder does not make.
    const res = await h.send({
      url: "/webhooks/azure",
      headers: {
        "content-type": "application/json",
        "x-microsoftspeechservices-event": "TranscriptionCompletion",
        "x-sig": hmac(SECRET, body, "hex"),
      },
      body,
    });
    expect(res.status).toBe(200);
  });
});
