import { randomBytes } from "node:crypto";
import { signDelivery } from "@scribehook/testing";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { specVector } from "./spec-vectors";
import { nowSeconds, receiverFor } from "./support";

// The `standardwebhooks` npm package is the spec's own JavaScript library: what it signs, scribehook
// must accept, and what @scribehook/testing sends, it must verify.
const KEY = randomBytes(32).toString("base64");
const WHSEC = `whsec_${KEY}`;
const body = (type: string, id = "job_1") => JSON.stringify({ type, data: { id } });

function signedBy(wh: Webhook, msgId: string, t: number, payload: string) {
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(t),
    "webhook-signature": wh.sign(msgId, new Date(t * 1000), payload),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("standardwebhooks (the spec's library) → scribehook", () => {
  it("accepts the spec's published test vector, with the whsec_ and the bare secret", async () => {
    const v = specVector();
    // The vector is what the library signs: proof that it was read right.
    expect(new Webhook(v.secret).sign(v.msgId, new Date(v.timestamp * 1000), v.payload)).toBe(v.signature);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(v.timestamp * 1000);
    for (const secret of [v.secret, v.bareSecret]) {
      const r = receiverFor("standardwebhooks", { secret });
      const headers = {
        "webhook-id": v.msgId,
        "webhook-timestamp": String(v.timestamp),
        "webhook-signature": v.signature,
      };
      const res = await r.send({ headers, body: v.payload });
      expect([secret, res.status]).toEqual([secret, 200]);
      expect(r.events[0]?.idempotencyKey).toBe(`standardwebhooks:${v.msgId}`);
      const tampered = await r.send({ headers, body: v.payload.replace("2432232314", "2432232315") });
      expect(tampered.status).toBe(401);
    }
  });

  it("accepts what Webhook.sign signs, whether the receiver holds the key as whsec_… or bare", async () => {
    const wh = new Webhook(WHSEC);
    for (const secret of [WHSEC, KEY]) {
      const r = receiverFor("standardwebhooks", { secret });
      const completed = body("transcription.completed", "job_c");
      const failed = body("transcription.failed", "job_f");
      expect(
        (await r.send({ headers: signedBy(wh, "msg_c", nowSeconds(), completed), body: completed })).status,
      ).toBe(200);
      expect(
        (await r.send({ headers: signedBy(wh, "msg_f", nowSeconds(), failed), body: failed })).status,
      ).toBe(200);
      expect(r.events.map((e) => [e.type, e.jobId])).toEqual([
        ["transcription.completed", "job_c"],
        ["transcription.failed", "job_f"],
      ]);
    }
  });

  it("agrees on the window: both accept at t + 300.5 s (now floored to whole seconds), both refuse at t + 301 s", async () => {
    const wh = new Webhook(WHSEC);
    const r = receiverFor("standardwebhooks", { secret: WHSEC });
    const t = nowSeconds() - 3600;
    const payload = body("transcription.completed");
    vi.useFakeTimers({ toFake: ["Date"] });
    for (const [offsetMs, accepted] of [
      [300_500, true],
      [300_999, true],
      [301_000, false],
      [-300_000, true],
      [-301_000, false],
    ] as const) {
      vi.setSystemTime(t * 1000 + offsetMs);
      const headers = signedBy(wh, `msg_${offsetMs}`, t, payload);
      const library = (() => {
        try {
          wh.verify(payload, headers);
          return true;
        } catch {
          return false;
        }
      })();
      const res = await r.send({ headers, body: payload });
      expect({ offsetMs, library, scribehook: res.status === 200 }).toEqual({
        offsetMs,
        library: accepted,
        scribehook: accepted,
      });
    }
  });
});

describe("@scribehook/testing → standardwebhooks (the spec's library)", () => {
  it("signDelivery's output passes Webhook.verify, for a whsec_ and a bare secret", () => {
    for (const secret of [WHSEC, KEY]) {
      for (const status of ["completed", "failed"]) {
        const d = signDelivery("standardwebhooks", { secret, status, jobId: "job_42" });
        const parsed = new Webhook(secret).verify(d.body, d.headers) as { data: { id: string } };
        expect(parsed.data.id).toBe("job_42");
      }
    }
  });

  it("and the library refuses it when anything signed changes (the check is real)", () => {
    const d = signDelivery("standardwebhooks", { secret: WHSEC });
    const wh = new Webhook(WHSEC);
    expect(() => wh.verify(d.body.replace("completed", "failed"), d.headers)).toThrow();
    expect(() => wh.verify(d.body, { ...d.headers, "webhook-id": "msg_other" })).toThrow();
    expect(() =>
      new Webhook(`whsec_${randomBytes(32).toString("base64")}`).verify(d.body, d.headers),
    ).toThrow();
  });
});

describe("deliberate differences from the library, pinned", () => {
  it("looser: a valid signature written unpadded or in base64url is accepted (the library compares text)", async () => {
    const wh = new Webhook(WHSEC);
    const r = receiverFor("standardwebhooks", { secret: WHSEC });
    const payload = body("transcription.completed");
    const t = nowSeconds();
    for (const [name, rewrite] of [
      ["unpadded", (s: string) => s.replace(/=+$/, "")],
      ["base64url", (s: string) => Buffer.from(s, "base64").toString("base64url")],
    ] as const) {
      const headers = signedBy(wh, `msg_${name}`, t, payload);
      headers["webhook-signature"] = `v1,${rewrite(headers["webhook-signature"].slice(3))}`;
      expect(() => wh.verify(payload, headers), name).toThrow();
      expect((await r.send({ headers, body: payload })).status, name).toBe(200);
    }
  });

  it("stricter: a bare secret that is not base64 is refused at creation, where the library throws too", () => {
    expect(() => new Webhook("not base64!")).toThrow();
    expect(() => receiverFor("standardwebhooks", { secret: "not base64!" })).toThrow(
      /providers\.standardwebhooks\.secret/,
    );
  });
});
