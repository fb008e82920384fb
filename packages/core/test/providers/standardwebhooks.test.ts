import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it, vi } from "vitest";
import { harness, hmac, now } from "./support";

const KEY = randomBytes(24);
const SECRET = `whsec_${KEY.toString("base64")}`;
const setup = (secret: string | string[] = SECRET, tolerance?: number | string) =>
  harness({ providers: { standardwebhooks: { secret, ...(tolerance ? { tolerance } : {}) } } });
// Signed by hand, not by `signDelivery()`, on purpose: these tests choose the message id (which is
// the idempotency key), sign with raw key bytes and rewrite signatures, none of which the builder
// takes. The builder's own Standard Webhooks deliveries are checked against the standardwebhooks and
// svix libraries in test/vendors.
const sign = (key: Buffer | string, id: string, t: number, body: string) =>
  `v1,${hmac(key, `${id}.${t}.${body}`, "base64")}`;
const headers = (
  body: string,
  opts: { id?: string; t?: number; key?: Buffer | string; signature?: string } = {},
) => {
  const id = opts.id ?? "msg_2b9d1f";
  const t = opts.t ?? now();
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(t),
    "webhook-signature": opts.signature ?? sign(opts.key ?? KEY, id, t, body),
  };
};
const event = (type: string, id = "batch_abc") => JSON.stringify({ type, timestamp: now(), data: { id } });

describe("standardwebhooks", () => {
  it("verifies a whsec_ key, maps *.completed → completed, jobId data.id, key = webhook-id", async () => {
    const h = setup();
    const body = event("batch.completed");
    const res = await h.send({
      url: "/webhooks/standardwebhooks",
      headers: headers(body, { id: "msg_1" }),
      body,
    });
    expect(res.status).toBe(200);
    expect(h.events[0]).toMatchObject({
      type: "transcription.completed",
      provider: "standardwebhooks",
      jobId: "batch_abc",
      providerStatus: "batch.completed",
      idempotencyKey: "standardwebhooks:msg_1",
    });
  });

  it("maps *.failed → failed and Gladia-style { event, payload.id }", async () => {
    const h = setup();
    const failed = event("batch.failed", "b2");
    await h.send({ url: "/webhooks/standardwebhooks", headers: headers(failed, { id: "m2" }), body: failed });
    const gladia = JSON.stringify({ event: "transcription.success", payload: { id: "gl-9" } });
    await h.send({ url: "/webhooks/standardwebhooks", headers: headers(gladia, { id: "m3" }), body: gladia });
    expect(h.events.map((e) => [e.type, e.jobId])).toEqual([
      ["transcription.failed", "b2"],
      ["transcription.completed", "gl-9"],
    ]);
  });

  it("de-duplicates by webhook-id: a redelivery is a duplicate even with a new timestamp", async () => {
    const h = setup();
    const body = event("batch.completed");
    await h.send({ url: "/webhooks/standardwebhooks", headers: headers(body, { id: "m-dup" }), body });
    const again = await h.send({
      url: "/webhooks/standardwebhooks",
      headers: headers(body, { id: "m-dup", t: now() - 10 }),
      body,
    });
    expect(again.json).toEqual({ ok: true, duplicate: true });
    expect(h.events).toHaveLength(1);
  });

  it("accepts any of several space-separated signatures and ignores other versions", async () => {
    const h = setup();
    const body = event("batch.completed");
    const t = now();
    const good = sign(KEY, "m4", t, body);
    const signature = `v1a,bm90LWEtc2lnbmF0dXJl v1,${Buffer.from("wrong").toString("base64")} ${good}`;
    const res = await h.send({
      url: "/webhooks/standardwebhooks",
      headers: headers(body, { id: "m4", t, signature }),
      body,
    });
    expect(res.status).toBe(200);
  });

  it("reads a bare (non-whsec_) secret as base64, as the standardwebhooks and svix libraries do", async () => {
    // The libraries strip an optional whsec_ and base64-decode the rest, so "<base64>" and
    // "whsec_<base64>" are the same key. Reading the bare form as UTF-8 refused every genuine delivery.
    const bare = randomBytes(24);
    const h = setup([`whsec_${randomBytes(24).toString("base64")}`, bare.toString("base64")]);
    const body = event("batch.completed");
    const res = await h.send({
      url: "/webhooks/standardwebhooks",
      headers: headers(body, { key: bare }),
      body,
    });
    expect(res.status).toBe(200);
    const utf8 = await h.send({
      url: "/webhooks/standardwebhooks",
      headers: headers(body, { id: "msg_utf8", key: bare.toString("base64") }),
      body,
    });
    expect([utf8.status, utf8.json.error.code]).toEqual([401, "signature_mismatch"]);
  });

  it("refuses at creation a bare secret that is not base64, naming provider and option, never the secret", () => {
    for (const secret of ["plain-raw-key", "has space==", "abc", "a===", "abcde", "whsec_"]) {
      let error: unknown;
      try {
        setup(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", secret]);
      } catch (e) {
        error = e;
      }
      expect(error, secret).toBeInstanceOf(TypeError);
      const message = (error as Error).message;
      expect(message).toContain("providers.standardwebhooks.secret");
      if (secret.length > 6) expect(message).not.toContain(secret);
    }
  });

  it("refuses a missing signature, a wrong key, a tampered body and a changed webhook-id with 401", async () => {
    const h = setup();
    const body = event("batch.completed");
    const { "webhook-signature": _, ...unsigned } = headers(body);
    const missing = await h.send({ url: "/webhooks/standardwebhooks", headers: unsigned, body });
    expect([missing.status, missing.json.error.code]).toEqual([401, "signature_missing"]);
    const wrong = await h.send({
      url: "/webhooks/standardwebhooks",
      headers: headers(body, { key: randomBytes(24) }),
      body,
    });
    expect([wrong.status, wrong.json.error.code]).toEqual([401, "signature_mismatch"]);
    const tampered = await h.send({
      url: "/webhooks/standardwebhooks",
      headers: headers(body),
      body: body.replace("completed", "failed"),
    });
    expect([tampered.status, tampered.json.error.code]).toEqual([401, "signature_mismatch"]);
    const reIded = { ...headers(body, { id: "m5" }), "webhook-id": "m6" };
    const renamed = await h.send({ url: "/webhooks/standardwebhooks", headers: reIded, body });
    expect([renamed.status, renamed.json.error.code]).toEqual([401, "signature_mismatch"]);
    expect(h.events).toHaveLength(0);
  });

  it("refuses timestamps outside the window, both ways; tolerance is configurable", async () => {
    const h = setup();
    const body = event("batch.completed");
    const stale = await h.send({
      url: "/webhooks/standardwebhooks",
      headers: headers(body, { t: now() - 301 }),
      body,
    });
    expect([stale.status, stale.json.error.code]).toEqual([401, "timestamp_too_old"]);
    // 30 s beyond the window: a loaded machine may take a second or more between signing and checking.
    const future = await h.send({
      url: "/webhooks/standardwebhooks",
      headers: headers(body, { t: now() + 330 }),
      body,
    });
    expect([future.status, future.json.error.code]).toEqual([401, "timestamp_too_new"]);
    const wide = setup(SECRET, "1h");
    const ok = await wide.send({
      url: "/webhooks/standardwebhooks",
      headers: headers(body, { t: now() - 1800 }),
      body,
    });
    expect(ok.status).toBe(200);
    expect(h.events).toHaveLength(0);
  });

  it("floors now to whole seconds like the libraries: accepted at t + 300.5 s, refused at t + 301 s", async () => {
    const h = setup();
    const body = event("batch.completed");
    const t = now() - 1000;
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime((t + 300) * 1000 + 500);
      const late = await h.send({
        url: "/webhooks/standardwebhooks",
        headers: headers(body, { id: "m-late", t }),
        body,
      });
      expect(late.status).toBe(200);
      vi.setSystemTime((t + 301) * 1000);
      const stale = await h.send({
        url: "/webhooks/standardwebhooks",
        headers: headers(body, { id: "m-stale", t }),
        body,
      });
      expect([stale.status, stale.json.error.code]).toEqual([401, "timestamp_too_old"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("accepts a valid signature written unpadded or as base64url (deliberately looser than the libraries: same bytes)", async () => {
    const h = setup();
    const body = event("batch.completed");
    const t = now();
    const variants = {
      unpadded: (sig: string) => sig.replace(/=+$/, ""),
      base64url: (sig: string) => Buffer.from(sig, "base64").toString("base64url"),
    };
    for (const [name, rewrite] of Object.entries(variants)) {
      const id = `m-${name}`;
      const signature = `v1,${rewrite(hmac(KEY, `${id}.${t}.${body}`, "base64"))}`;
      expect(signature).not.toContain("=");
      const res = await h.send({
        url: "/webhooks/standardwebhooks",
        headers: headers(body, { id, t, signature }),
        body,
      });
      expect(res.status, name).toBe(200);
    }
    expect(h.events.map((e) => e.idempotencyKey)).toEqual([
      "standardwebhooks:m-unpadded",
      "standardwebhooks:m-base64url",
    ]);
  });

  it("reads svix-* headers from senders that only send those", async () => {
    const h = setup();
    const body = event("batch.completed");
    const t = now();
    const res = await h.send({
      url: "/webhooks/standardwebhooks",
      headers: {
        "content-type": "application/json",
        "svix-id": "msg_svix",
        "svix-timestamp": String(t),
        "svix-signature": sign(KEY, "msg_svix", t, body),
      },
      body,
    });
    expect(res.status).toBe(200);
    expect(h.events[0]?.idempotencyKey).toBe("standardwebhooks:msg_svix");
  });
});

// Sender side: deliveries signed by the spec's own `standardwebhooks` library, with the event shapes
// senders use. The spec leaves the body open: the names below are OpenAI's (`response.cancelled`,
// `batch.expired`, from OpenAI's webhook docs) or assumed where noted.
describe("standardwebhooks: deliveries signed by the standardwebhooks library", () => {
  const deliver = async (payload: unknown, id = "msg_lib") => {
    const h = setup();
    const body = JSON.stringify(payload);
    const t = now();
    const res = await h.send({
      url: "/webhooks/standardwebhooks",
      headers: {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": String(t),
        "webhook-signature": new Webhook(SECRET).sign(id, new Date(t * 1000), body),
      },
      body,
    });
    return { res, h };
  };

  it.each([
    [{ type: "response.cancelled", data: { id: "r1" } }, "transcription.failed", "cancelled"],
    [{ type: "batch.expired", data: { id: "b1" } }, "transcription.failed", "cancelled"],
    // Assumed names (no sender documents them for transcripts): queued / running → processing.
    [{ type: "job.queued", data: { id: "j1" } }, "transcription.updated", "processing"],
    [{ type: "job.running", data: { id: "j1" } }, "transcription.updated", "processing"],
    [{ type: "job.updated", data: { id: "j1" } }, "transcription.updated", "other"],
    // Assumed: no `type` or `event`, only `data.status`.
    [{ data: { id: "j2", status: "done" } }, "transcription.completed", "completed"],
    [{ event: "transcription.errored", payload: { id: "g1" } }, "transcription.failed", "failed"],
    // A name that merely contains a status word is not that status.
    [{ type: "completed_report.generated", data: { id: "j3" } }, "transcription.updated", "other"],
  ])("%j → %s (%s)", async (payload, type, status) => {
    const { res, h } = await deliver(payload);
    expect(res.status).toBe(200);
    expect(h.events[0]).toMatchObject({ type, status });
  });

  it("jobId falls back from data.id to payload.id, then id, then the webhook-id", async () => {
    const top = await deliver({ type: "batch.completed", id: "top-1" });
    expect(top.h.events[0]?.jobId).toBe("top-1");
    const none = await deliver({ type: "batch.completed" }, "msg_only");
    expect(none.h.events[0]?.jobId).toBe("msg_only");
  });

  it("a failure carries the sender's error (top level or data.error), else a generic message", async () => {
    // OpenAI's batch object carries errors inside data; a top-level `error` is assumed for others.
    const top = await deliver({ type: "x.failed", error: { code: "E42", message: "bad audio" } });
    expect(top.h.events[0]).toMatchObject({ status: "failed", error: { code: "E42", message: "bad audio" } });
    const nested = await deliver({ type: "x.failed", data: { id: "d", error: { message: "too long" } } });
    expect(nested.h.events[0]).toMatchObject({ jobId: "d", error: { message: "too long" } });
    const bare = await deliver({ type: "x.failed", data: { id: "d" } });
    expect(bare.h.events[0]).toMatchObject({ error: { message: "The sender reported a failure" } });
  });

  it("a signed body that is not a JSON object → 400 body_malformed, no event", async () => {
    const { res, h } = await deliver(["batch.completed"]);
    expect([res.status, res.json.error.code]).toEqual([400, "body_malformed"]);
    expect(h.events).toHaveLength(0);
  });
});

// Attacker side: headers a forger controls, each refused with 401 before any event.
describe("standardwebhooks: forged signature headers", () => {
  const body = event("batch.completed");
  const valid = headers(body, { id: "msg_atk" });
  const bytes = valid["webhook-signature"].slice(3);
  const refuse = async (hdrs: Record<string, string>, code: string) => {
    const h = setup();
    const res = await h.send({ url: "/webhooks/standardwebhooks", headers: hdrs, body });
    expect([res.status, res.json.error.code]).toEqual([401, code]);
    expect(h.events).toHaveLength(0);
  };

  it("a blank signature header is a missing one", () =>
    refuse({ ...valid, "webhook-signature": "   " }, "signature_missing"));

  it("without webhook-id or webhook-timestamp → 401 naming what is missing", async () => {
    const { "webhook-id": _id, ...noId } = valid;
    await refuse(noId, "signature_missing");
    const { "webhook-timestamp": _t, ...noTimestamp } = valid;
    await refuse(noTimestamp, "timestamp_missing");
  });

  it.each([
    ["the right HMAC without a version", () => bytes],
    ["the right HMAC under another version", () => `v2,${bytes}`],
    ["the right HMAC under v1a", () => `v1a,${bytes}`],
    ["a version with an empty signature", () => "v1,"],
    ["entries separated by commas only", () => `v1,x,${bytes}`],
  ])("%s → signature_mismatch", (_, signature) =>
    refuse({ ...valid, "webhook-signature": signature() }, "signature_mismatch"),
  );

  it("a valid signature with a non-numeric timestamp is refused (it is signed text, but not a time)", async () => {
    const id = "msg_ts";
    const t = "1e9";
    const signature = `v1,${hmac(KEY, `${id}.${t}.${body}`, "base64")}`;
    const h = setup();
    const res = await h.send({
      url: "/webhooks/standardwebhooks",
      headers: {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": t,
        "webhook-signature": signature,
      },
      body,
    });
    expect(res.status).toBe(401);
    expect(h.events).toHaveLength(0);
  });
});
