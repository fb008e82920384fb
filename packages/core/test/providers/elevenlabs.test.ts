import { signDelivery } from "@scribehook/testing";
import { describe, expect, it } from "vitest";
import { harness, hmac, now } from "./support";

const SECRET = "wsec_elevenlabs_test";
const setup = (tolerance?: number | string) =>
  harness({ providers: { elevenlabs: { secret: SECRET, ...(tolerance ? { tolerance } : {}) } } });
const payload = (data: Record<string, unknown>) =>
  JSON.stringify({
    type: "speech_to_text_transcription",
    event_timestamp: now(),
    data: { request_id: "req-el-1", transcription: { language_code: "en", text: "hello" }, ...data },
  });
/** Headers of an ElevenLabs delivery of exactly `body` at `t`, signed by the delivery builder. */
const signed = (body: string, t = now(), secret = SECRET) =>
  signDelivery("elevenlabs", { body, secret, timestamp: t }).headers;

describe("elevenlabs", () => {
  it("maps a signed speech_to_text_transcription → completed with data.request_id", async () => {
    const h = setup();
    const body = payload({});
    const res = await h.send({ url: "/webhooks/elevenlabs", headers: signed(body), body });
    expect(res.status).toBe(200);
    expect(h.events[0]).toMatchObject({
      type: "transcription.completed",
      provider: "elevenlabs",
      jobId: "req-el-1",
      providerStatus: "speech_to_text_transcription",
    });
    const e = h.events[0]!;
    if (e.provider === "elevenlabs") expect(e.payload.data.transcription?.text).toBe("hello");
  });

  it("maps a transcription with data.error → failed", async () => {
    const h = setup();
    const body = payload({
      request_id: "req-el-2",
      transcription: undefined,
      error: { message: "audio too long" },
    });
    await h.send({ url: "/webhooks/elevenlabs", headers: signed(body), body });
    expect(h.events[0]).toMatchObject({
      type: "transcription.failed",
      jobId: "req-el-2",
      error: { message: "audio too long" },
    });
  });

  it("refuses a missing header, a wrong secret and a tampered body with 401", async () => {
    const h = setup();
    const body = payload({});
    const missing = await h.send({
      url: "/webhooks/elevenlabs",
      headers: { "content-type": "application/json" },
      body,
    });
    expect([missing.status, missing.json.error.code]).toEqual([401, "signature_missing"]);
    const wrong = await h.send({ url: "/webhooks/elevenlabs", headers: signed(body, now(), "guess"), body });
    expect([wrong.status, wrong.json.error.code]).toEqual([401, "signature_mismatch"]);
    const tampered = await h.send({
      url: "/webhooks/elevenlabs",
      headers: signed(body),
      body: body.replace("hello", "HELLO"),
    });
    expect([tampered.status, tampered.json.error.code]).toEqual([401, "signature_mismatch"]);
    expect(h.events).toHaveLength(0);
  });

  it("signs the timestamp: changing t breaks the signature", async () => {
    const h = setup();
    const body = payload({});
    const t = now();
    const headers = signed(body, t);
    headers["elevenlabs-signature"] = headers["elevenlabs-signature"]!.replace(`t=${t}`, `t=${t - 1}`);
    const res = await h.send({ url: "/webhooks/elevenlabs", headers, body });
    expect([res.status, res.json.error.code]).toEqual([401, "signature_mismatch"]);
  });

  it("accepts 29 minutes old, refuses 31 minutes old and 31 minutes ahead (30 min default window)", async () => {
    const h = setup();
    const body = payload({});
    const ok = await h.send({ url: "/webhooks/elevenlabs", headers: signed(body, now() - 29 * 60), body });
    expect(ok.status).toBe(200);
    const stale = await h.send({ url: "/webhooks/elevenlabs", headers: signed(body, now() - 31 * 60), body });
    expect([stale.status, stale.json.error.code]).toEqual([401, "timestamp_too_old"]);
    const future = await h.send({
      url: "/webhooks/elevenlabs",
      headers: signed(body, now() + 31 * 60),
      body,
    });
    expect([future.status, future.json.error.code]).toEqual([401, "timestamp_too_new"]);
  });

  it("honours a configured tolerance, in milliseconds or as a string", async () => {
    for (const tolerance of [60_000, "1m"]) {
      const h = setup(tolerance);
      const body = payload({});
      const res = await h.send({ url: "/webhooks/elevenlabs", headers: signed(body, now() - 120), body });
      expect([res.status, res.json.error.code]).toEqual([401, "timestamp_too_old"]);
      const inside = await h.send({ url: "/webhooks/elevenlabs", headers: signed(body, now() - 50), body });
      expect(inside.status).toBe(200);
    }
  });

  it("refuses a header without t= or without v0=", async () => {
    const h = setup();
    const body = payload({});
    // Malformed on purpose, so signed by hand: the builder only makes well-formed headers.
    const noT = await h.send({
      url: "/webhooks/elevenlabs",
      headers: { "content-type": "application/json", "elevenlabs-signature": `v0=${hmac(SECRET, body)}` },
      body,
    });
    expect([noT.status, noT.json.error.code]).toEqual([401, "timestamp_missing"]);
    const noV0 = await h.send({
      url: "/webhooks/elevenlabs",
      headers: { "content-type": "application/json", "elevenlabs-signature": `t=${now()}` },
      body,
    });
    expect([noV0.status, noV0.json.error.code]).toEqual([401, "signature_missing"]);
  });
});
