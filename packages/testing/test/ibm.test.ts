import { createHmac } from "node:crypto";
import { createReceiver } from "@scribehook/core";
import { signDelivery } from "@scribehook/testing";
import { describe, expect, it } from "vitest";

// IBM publishes no verifier library. Its documentation is the fixture: "The header specifies the
// HMAC-SHA1 signature of the body of the request calculated by using the user secret as a key", with a
// Python example that base64-encodes the digest
// (https://cloud.ibm.com/docs/speech-to-text?topic=speech-to-text-async, "Callback notifications").
const SECRET = "ThisIsMySecret"; // the documentation's own example secret

describe("signDelivery('ibm')", () => {
  it("signs X-Callback-Signature as IBM does: base64 HMAC-SHA1(user_secret, body)", () => {
    const d = signDelivery("ibm", { secret: SECRET, jobId: "4bd734c0" });
    // Computed by hand from the docs' words on purpose: the builder is what is under test.
    const expected = createHmac("sha1", SECRET).update(d.body).digest("base64");
    expect(d.headers["x-callback-signature"]).toBe(expected);
    expect(Buffer.from(expected, "base64")).toHaveLength(20); // a SHA-1 digest, not SHA-256's 32 bytes
  });

  it("is accepted by a receiver configured as the docs say (no algorithm pinned)", async () => {
    const receiver = createReceiver({ providers: { ibm: { secret: SECRET } } });
    const d = signDelivery("ibm", { secret: SECRET, jobId: "4bd734c0" });
    const res = await receiver.handle({ method: d.method, url: d.path, headers: d.headers, body: d.body });
    expect(res.status).toBe(200);
  });
});
