import { createHmac } from "node:crypto";
import { createReceiver, type ProviderConfig } from "@scribehook/core";
import { signDelivery } from "@scribehook/testing";
import { describe, expect, it } from "vitest";
import { deliver, expectOneEvent, expectRefused } from "./deliver";

const SECRET = "it-secret-current";
const OLD_SECRET = "it-secret-previous";

const setup = (config: ProviderConfig = { secret: SECRET }) =>
  createReceiver({ providers: { instanttranscriber: config } });

// Deliveries come from the builder (`signDelivery()`); `hmac` checks the builder's signature against
// the documented scheme, and signs by hand on purpose the overridden schemes and the near-misses
// (no prefix, another algorithm or prefix) that InstantTranscriber never sends.
const hmac = (secret: string, body: string, algorithm = "sha256", encoding: "hex" | "base64" = "hex") =>
  createHmac(algorithm, secret).update(body).digest(encoding);

describe("instanttranscriber", () => {
  it("turns a signed `completed` into transcription.completed", async () => {
    const receiver = setup();
    const d = signDelivery("instanttranscriber", { jobId: "it-1", secret: SECRET });
    expect(d.headers["x-instanttranscriber-signature"]).toBe(`sha256=${hmac(SECRET, d.body)}`);
    const body = JSON.parse(d.body);
    expect(body.download_urls).toEqual({ txt: expect.any(String), srt: expect.any(String) });
    expectOneEvent(await deliver(receiver, d), {
      type: "transcription.completed",
      provider: "instanttranscriber",
      jobId: "it-1",
      status: "completed",
      providerStatus: "completed",
      idempotencyKey: "instanttranscriber:it-1:completed",
      metadata: {},
      payload: body,
    });
  });

  it("turns a signed `failed` into transcription.failed", async () => {
    const receiver = setup();
    const d = signDelivery("instanttranscriber", { jobId: "it-2", status: "failed", secret: SECRET });
    expectOneEvent(await deliver(receiver, d), {
      type: "transcription.failed",
      provider: "instanttranscriber",
      jobId: "it-2",
      status: "failed",
      providerStatus: "failed",
      idempotencyKey: "instanttranscriber:it-2:failed",
      metadata: {},
      error: { message: "InstantTranscriber reported the transcription as failed" },
      payload: { id: "it-2", status: "failed" },
    });
  });

  it("keys idempotency on id + status: a retry is a duplicate, a new status of the same id is not", async () => {
    const receiver = setup();
    const completed = signDelivery("instanttranscriber", { jobId: "it-3", secret: SECRET });
    expect((await deliver(receiver, completed)).events).toHaveLength(1);
    const retry = await deliver(receiver, completed);
    expect(retry.body).toEqual({ ok: true, duplicate: true });
    expect(retry.events).toHaveLength(0);
    const failed = signDelivery("instanttranscriber", { jobId: "it-3", status: "failed", secret: SECRET });
    expect((await deliver(receiver, failed)).events.map((e) => e.idempotencyKey)).toEqual([
      "instanttranscriber:it-3:failed",
    ]);
  });

  describe("refuses", () => {
    it("a delivery without the signature (401 signature_missing)", async () => {
      const out = await deliver(setup(), signDelivery("instanttranscriber", { jobId: "it-4" }));
      expectRefused(out, 401, "signature_missing");
      expect(out.body.error?.message).toContain("X-InstantTranscriber-Signature");
    });

    it("a signature made with another secret (401 signature_mismatch), without echoing any secret", async () => {
      const out = await deliver(setup(), signDelivery("instanttranscriber", { secret: "not-the-secret" }));
      expectRefused(out, 401, "signature_mismatch");
      expect(JSON.stringify(out)).not.toContain(SECRET);
    });

    it("a tampered body (401 signature_mismatch)", async () => {
      const d = signDelivery("instanttranscriber", { jobId: "it-5", status: "failed", secret: SECRET });
      const tampered = { ...d, body: d.body.replace('"failed"', '"completed"') };
      expect(tampered.body).not.toBe(d.body);
      expectRefused(await deliver(setup(), tampered), 401, "signature_mismatch");
    });

    it("the right HMAC without the sha256= prefix, or cut short (401 signature_mismatch)", async () => {
      const d = signDelivery("instanttranscriber", { secret: SECRET });
      const bare = {
        ...d,
        headers: { ...d.headers, "x-instanttranscriber-signature": hmac(SECRET, d.body) },
      };
      expectRefused(await deliver(setup(), bare), 401, "signature_mismatch");
      const sig = d.headers["x-instanttranscriber-signature"]!;
      const short = { ...d, headers: { ...d.headers, "x-instanttranscriber-signature": sig.slice(0, -2) } };
      expectRefused(await deliver(setup(), short), 401, "signature_mismatch");
    });

    it("a body without the id (400 job_id_missing), after the signature was checked", async () => {
      const d = signDelivery("instanttranscriber", { secret: SECRET, payload: { id: undefined } });
      expect(JSON.parse(d.body)).not.toHaveProperty("id");
      expectRefused(await deliver(setup(), d), 400, "job_id_missing");
    });

    it("a form-encoded body (415 unsupported_media_type)", async () => {
      const d = signDelivery("instanttranscriber", {
        secret: SECRET,
        body: "id=it-6&status=completed",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expectRefused(await deliver(setup(), d), 415, "unsupported_media_type");
    });
  });

  describe("signature rotation: a list of secrets, any may match", () => {
    const receiver = setup({ secret: [SECRET, OLD_SECRET] });
    for (const [name, secret] of [
      ["new", SECRET],
      ["old", OLD_SECRET],
    ] as const) {
      it(`accepts a delivery signed with the ${name} secret`, async () => {
        const out = await deliver(receiver, signDelivery("instanttranscriber", { secret }));
        expect(out.status).toBe(200);
        expect(out.events).toHaveLength(1);
      });
    }
    it("refuses one signed with a secret not in the list", async () => {
      expectRefused(
        await deliver(receiver, signDelivery("instanttranscriber", { secret: "retired-long-ago" })),
        401,
        "signature_mismatch",
      );
    });
  });

  describe("an overridden signature scheme (the real one is unconfirmed)", () => {
    const config: ProviderConfig = {
      secret: SECRET,
      signature: { header: "X-Signature", encoding: "base64", prefix: "" },
    };

    it("accepts a base64 signature without prefix in the configured header", async () => {
      const d = signDelivery("instanttranscriber", { jobId: "it-7" });
      const signed = {
        ...d,
        headers: { ...d.headers, "x-signature": hmac(SECRET, d.body, "sha256", "base64") },
      };
      const out = await deliver(setup(config), signed);
      expect(out.status).toBe(200);
      expect(out.events.map((e) => e.jobId)).toEqual(["it-7"]);
    });

    it("refuses the default header and scheme then (401 signature_missing, naming the configured header)", async () => {
      const out = await deliver(setup(config), signDelivery("instanttranscriber", { secret: SECRET }));
      expectRefused(out, 401, "signature_missing");
      expect(out.body.error?.message).toContain("X-Signature");
    });

    it("refuses a hex signature where base64 is configured (401 signature_mismatch)", async () => {
      const d = signDelivery("instanttranscriber");
      const hex = { ...d, headers: { ...d.headers, "x-signature": hmac(SECRET, d.body) } };
      expectRefused(await deliver(setup(config), hex), 401, "signature_mismatch");
    });

    it("defaults the prefix to the algorithm's name: sha1=<hex>", async () => {
      const sha1 = setup({ secret: SECRET, signature: { algorithm: "sha1" } });
      const d = signDelivery("instanttranscriber");
      const signed = {
        ...d,
        headers: { ...d.headers, "x-instanttranscriber-signature": `sha1=${hmac(SECRET, d.body, "sha1")}` },
      };
      expect((await deliver(sha1, signed)).status).toBe(200);
      const sha256 = signDelivery("instanttranscriber", { secret: SECRET });
      expectRefused(await deliver(sha1, sha256), 401, "signature_mismatch");
    });

    it("takes a custom prefix", async () => {
      const custom = setup({ secret: SECRET, signature: { prefix: "v1=" } });
      const d = signDelivery("instanttranscriber");
      const signed = {
        ...d,
        headers: { ...d.headers, "x-instanttranscriber-signature": `v1=${hmac(SECRET, d.body)}` },
      };
      expect((await deliver(custom, signed)).status).toBe(200);
    });

    it("refuses a mistyped scheme at creation, saying what is allowed", () => {
      expect(() => setup({ secret: SECRET, signature: { encoding: "hexa" as "hex" } })).toThrow(
        /signature\.encoding: must be "hex", "base64" or "base64url"/,
      );
      expect(() => setup({ secret: SECRET, signature: { algorithm: "md5" as "sha1" } })).toThrow(
        /signature\.algorithm/,
      );
      expect(() => setup({ secret: SECRET, signature: { header: "bad header" } })).toThrow(
        /signature\.header/,
      );
      expect(() =>
        createReceiver({ providers: { scriptix: { headers: { a: "b" }, signature: { header: "X-Sig" } } } }),
      ).toThrow(/providers\.scriptix\.signature: Scriptix does not sign/);
    });
  });
});
