import { randomBytes } from "node:crypto";
import { signDelivery } from "@scribehook/testing";
import { Webhook } from "svix";
import { afterEach, describe, expect, it, vi } from "vitest";
import { specVector } from "./spec-vectors";
import { nowSeconds, receiverFor } from "./support";

// `svix` is the library of Svix-based senders (Gladia's dashboard webhooks and many others); it sends
// `svix-*` headers and reads either `svix-*` or `webhook-*`. Its package declares Node >= 22; it is
// exercised here on whatever Node runs the suite (CI: Node 20).
const KEY = randomBytes(32).toString("base64");
const WHSEC = `whsec_${KEY}`;

afterEach(() => {
  vi.useRealTimers();
});

describe("svix → scribehook", () => {
  it("accepts the spec's test vector sent with svix-* headers, whsec_ and bare secret alike", async () => {
    const v = specVector();
    expect(new Webhook(v.bareSecret).sign(v.msgId, new Date(v.timestamp * 1000), v.payload)).toBe(
      v.signature,
    );
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(v.timestamp * 1000 + 300_500);
    for (const secret of [v.secret, v.bareSecret]) {
      const r = receiverFor("standardwebhooks", { secret });
      const headers = {
        "svix-id": v.msgId,
        "svix-timestamp": String(v.timestamp),
        "svix-signature": v.signature,
      };
      // svix itself agrees at t + 300.5 s.
      expect(() => new Webhook(secret).verify(v.payload, headers)).not.toThrow();
      expect((await r.send({ headers, body: v.payload })).status).toBe(200);
    }
  });

  it("accepts what svix's Webhook.sign signs, as a Svix-based sender sends it", async () => {
    const wh = new Webhook(WHSEC);
    const r = receiverFor("standardwebhooks", { secret: WHSEC });
    const payload = JSON.stringify({ event: "transcription.success", payload: { id: "gl-9" } });
    const t = nowSeconds();
    const headers = {
      "svix-id": "msg_svix_1",
      "svix-timestamp": String(t),
      "svix-signature": wh.sign("msg_svix_1", new Date(t * 1000), payload),
    };
    const res = await r.send({ headers, body: payload });
    expect(res.status).toBe(200);
    expect(r.events[0]).toMatchObject({ type: "transcription.completed", jobId: "gl-9" });
    const wrongKey = receiverFor("standardwebhooks", {
      secret: `whsec_${randomBytes(32).toString("base64")}`,
    });
    expect((await wrongKey.send({ headers, body: payload })).status).toBe(401);
  });
});

describe("@scribehook/testing → svix", () => {
  it("signDelivery's output passes svix's Webhook.verify, for a whsec_ and a bare secret", () => {
    for (const secret of [WHSEC, KEY]) {
      const d = signDelivery("standardwebhooks", { secret, status: "failed" });
      expect(() => new Webhook(secret).verify(d.body, d.headers)).not.toThrow();
      expect(() => new Webhook(secret).verify(`${d.body} `, d.headers)).toThrow();
    }
  });
});
