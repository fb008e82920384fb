import { signDelivery } from "@scribehook/testing";
import { describe, expect, it } from "vitest";
import { harness, hmac } from "./support";

// IBM signs with HMAC-SHA1, base64 (https://cloud.ibm.com/docs/speech-to-text?topic=speech-to-text-async,
// "Security considerations" and "Callback notifications"; the API reference's register_callback says the same).
const SECRET = "ThisIsMySecret";
const setup = () => harness({ providers: { ibm: { secret: SECRET } } });
const json = (o: unknown) => JSON.stringify(o);
/** The handshake's answer is not a delivery: the challenge is signed here, as the docs say. */
const sha1 = (secret: string, data: string) => hmac(secret, data, "base64", "sha1");
/**
 * Headers of an IBM callback of exactly `body`, signed by the delivery builder; with another
 * `algorithm` (a pinned-algorithm config, which IBM does not send), signed by hand on purpose.
 */
const signed = (body: string, secret = SECRET, algorithm = "sha1") =>
  algorithm === "sha1"
    ? signDelivery("ibm", { body, secret }).headers
    : { "content-type": "application/json", "x-callback-signature": hmac(secret, body, "base64", algorithm) };

describe("ibm", () => {
  it("maps recognitions.completed_with_results → completed, recognitions.failed → failed", async () => {
    const h = setup();
    const ok = json({
      id: "4bd734c0",
      event: "recognitions.completed_with_results",
      user_token: "job25",
      results: [],
    });
    const bad = json({ id: "4bd734c1", event: "recognitions.failed", user_token: "job26" });
    expect((await h.send({ url: "/webhooks/ibm", headers: signed(ok), body: ok })).status).toBe(200);
    expect((await h.send({ url: "/webhooks/ibm", headers: signed(bad), body: bad })).status).toBe(200);
    expect(h.events[0]).toMatchObject({
      type: "transcription.completed",
      provider: "ibm",
      jobId: "4bd734c0",
      providerStatus: "recognitions.completed_with_results",
    });
    expect(h.events[1]).toMatchObject({ type: "transcription.failed", jobId: "4bd734c1", status: "failed" });
  });

  it("maps recognitions.started → processing and recognitions.completed → completed", async () => {
    const h = setup();
    for (const event of ["recognitions.started", "recognitions.completed"]) {
      const body = json({ id: "j1", event });
      await h.send({ url: "/webhooks/ibm", headers: signed(body), body });
    }
    expect(h.events.map((e) => e.status)).toEqual(["processing", "completed"]);
  });

  it("accepts only HMAC-SHA1, as IBM documents; HMAC-SHA256 only when pinned with signature.algorithm", async () => {
    const body = json({ id: "j-sha256", event: "recognitions.completed" });
    const h = setup();
    const sha256 = await h.send({ url: "/webhooks/ibm", headers: signed(body, SECRET, "sha256"), body });
    expect([sha256.status, sha256.json.error.code]).toEqual([401, "signature_mismatch"]);
    expect((await h.send({ url: "/webhooks/ibm", headers: signed(body), body })).status).toBe(200);
    const pinned = harness({ providers: { ibm: { secret: SECRET, signature: { algorithm: "sha256" } } } });
    const res = await pinned.send({ url: "/webhooks/ibm", headers: signed(body, SECRET, "sha1"), body });
    expect([res.status, res.json.error.code]).toEqual([401, "signature_mismatch"]);
    const ok = await pinned.send({ url: "/webhooks/ibm", headers: signed(body, SECRET, "sha256"), body });
    expect(ok.status).toBe(200);
  });

  it("refuses a missing signature, a wrong secret and a tampered body with 401", async () => {
    const h = setup();
    const body = json({ id: "j2", event: "recognitions.completed" });
    const missing = await h.send({
      url: "/webhooks/ibm",
      headers: { "content-type": "application/json" },
      body,
    });
    expect([missing.status, missing.json.error.code]).toEqual([401, "signature_missing"]);
    const wrong = await h.send({ url: "/webhooks/ibm", headers: signed(body, "guess"), body });
    expect([wrong.status, wrong.json.error.code]).toEqual([401, "signature_mismatch"]);
    const tampered = await h.send({
      url: "/webhooks/ibm",
      headers: signed(body),
      body: body.replace("j2", "j3"),
    });
    expect([tampered.status, tampered.json.error.code]).toEqual([401, "signature_mismatch"]);
    expect(h.events).toHaveLength(0);
  });

  it("answers a signed challenge with the string as text/plain and its signature", async () => {
    const h = setup();
    const challenge = "Z8gBU0bFRbpAe6b9kKmC";
    const res = await h.send({
      method: "GET",
      url: `/webhooks/ibm?challenge_string=${challenge}`,
      headers: { "x-callback-signature": sha1(SECRET, challenge) },
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe(challenge);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(res.headers["x-callback-signature"]).toBe(sha1(SECRET, challenge));
    expect(h.events).toHaveLength(0);
  });

  it("signs the answer with the secret that signed the challenge (rotation)", async () => {
    const h = harness({ providers: { ibm: { secret: ["new-secret", SECRET] } } });
    const res = await h.send({
      method: "GET",
      url: "/webhooks/ibm?challenge_string=abc",
      headers: { "x-callback-signature": sha1(SECRET, "abc") },
    });
    expect(res.headers["x-callback-signature"]).toBe(sha1(SECRET, "abc"));
  });

  it("refuses an unsigned or wrongly signed challenge when a secret is set: no signing oracle", async () => {
    const h = setup();
    // An attacker asks for the signature of a forged delivery body.
    const forged = json({ id: "evil", event: "recognitions.completed" });
    const unsigned = await h.send({
      method: "GET",
      url: `/webhooks/ibm?challenge_string=${encodeURIComponent(forged)}`,
    });
    // Refused twice over: JSON is not a challenge string's alphabet, and it carries no signature.
    expect([unsigned.status, unsigned.json.error.code]).toEqual([400, "handshake_invalid"]);
    expect(unsigned.headers["x-callback-signature"]).toBeUndefined();
    const plain = await h.send({ method: "GET", url: "/webhooks/ibm?challenge_string=abc" });
    expect([plain.status, plain.json.error.code]).toEqual([401, "signature_missing"]);
    const wrong = await h.send({
      method: "GET",
      url: "/webhooks/ibm?challenge_string=abc",
      headers: { "x-callback-signature": sha1("guess", "abc") },
    });
    expect([wrong.status, wrong.json.error.code]).toEqual([401, "signature_mismatch"]);
  });

  it("answers an unsigned challenge when the URL is authenticated otherwise (no secret to disclose)", async () => {
    const h = harness({ providers: { ibm: { headers: { "x-hook": "v" } } } });
    const res = await h.send({ method: "GET", url: "/webhooks/ibm?challenge_string=abc123" });
    expect([res.status, res.body]).toEqual([200, "abc123"]);
    expect(res.headers["x-callback-signature"]).toBeUndefined();
  });

  it("answers a GET without challenge_string with 400", async () => {
    const h = setup();
    const res = await h.send({ method: "GET", url: "/webhooks/ibm" });
    expect([res.status, res.json.error.code]).toEqual([400, "handshake_invalid"]);
  });
});
