import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { assertHmac, computeHmac, verifyHmac, WebhookError } from "../../src/index";

const body = Buffer.from('{"id":"tr_1","status":"completed"}');
const secret = "whsec-test-1";
const hex = (s: string, data: Buffer | string = body, alg = "sha256") =>
  createHmac(alg, s).update(data).digest("hex");
const b64 = (s: string, data: Buffer | string = body, alg = "sha256") =>
  createHmac(alg, s).update(data).digest("base64");

describe("computeHmac", () => {
  it("matches node's HMAC for sha256/sha1 and hex/base64/base64url", async () => {
    expect(await computeHmac(secret, body)).toBe(hex(secret));
    expect(await computeHmac(secret, body, "sha1")).toBe(hex(secret, body, "sha1"));
    expect(await computeHmac(secret, body, "sha256", "base64")).toBe(b64(secret));
    expect(await computeHmac(secret, body, "sha256", "base64url")).toBe(
      createHmac("sha256", secret).update(body).digest("base64url"),
    );
  });

  it("hashes multi-part data exactly as the concatenation", async () => {
    const parts = ["1700000000", ".", body];
    expect(await computeHmac(secret, parts)).toBe(
      hex(secret, Buffer.concat([Buffer.from("1700000000."), body])),
    );
  });
});

describe("verifyHmac", () => {
  it("accepts sha256 hex", async () => {
    expect(await verifyHmac({ data: body, signature: hex(secret), secrets: secret })).toBe(true);
  });
  it("accepts upper-case hex", async () => {
    expect(await verifyHmac({ data: body, signature: hex(secret).toUpperCase(), secrets: secret })).toBe(
      true,
    );
  });
  it("accepts sha1 hex and rejects it when sha256 is expected", async () => {
    const sig = hex(secret, body, "sha1");
    expect(await verifyHmac({ data: body, signature: sig, secrets: secret, algorithm: "sha1" })).toBe(true);
    expect(await verifyHmac({ data: body, signature: sig, secrets: secret })).toBe(false);
  });
  it("accepts base64 and rejects base64 when hex is expected", async () => {
    expect(
      await verifyHmac({ data: body, signature: b64(secret), secrets: secret, encoding: "base64" }),
    ).toBe(true);
    expect(await verifyHmac({ data: body, signature: b64(secret), secrets: secret })).toBe(false);
  });
  it("handles a prefix, case-insensitively, and requires it", async () => {
    const sig = `sha256=${hex(secret)}`;
    expect(await verifyHmac({ data: body, signature: sig, secrets: secret, prefix: "sha256=" })).toBe(true);
    expect(
      await verifyHmac({
        data: body,
        signature: `SHA256=${hex(secret)}`,
        secrets: secret,
        prefix: "sha256=",
      }),
    ).toBe(true);
    expect(await verifyHmac({ data: body, signature: hex(secret), secrets: secret, prefix: "sha256=" })).toBe(
      false,
    );
    expect(
      await verifyHmac({ data: body, signature: `sha1=${hex(secret)}`, secrets: secret, prefix: "sha256=" }),
    ).toBe(false);
  });
  it("accepts any of several secrets (rotation), in any order", async () => {
    const sig = hex("old-secret");
    expect(await verifyHmac({ data: body, signature: sig, secrets: ["new-secret", "old-secret"] })).toBe(
      true,
    );
    expect(await verifyHmac({ data: body, signature: sig, secrets: ["old-secret", "new-secret"] })).toBe(
      true,
    );
    expect(await verifyHmac({ data: body, signature: sig, secrets: ["new-secret", "newer"] })).toBe(false);
  });
  it("accepts a Buffer secret", async () => {
    expect(await verifyHmac({ data: body, signature: hex(secret), secrets: Buffer.from(secret) })).toBe(true);
  });
  it("rejects a wrong secret", async () => {
    expect(await verifyHmac({ data: body, signature: hex("wrong"), secrets: secret })).toBe(false);
  });
  it("rejects a tampered body (one byte changed, one byte added, one removed)", async () => {
    const sig = hex(secret);
    const changed = Buffer.from(body);
    changed[5] = changed[5]! ^ 1;
    expect(await verifyHmac({ data: changed, signature: sig, secrets: secret })).toBe(false);
    expect(
      await verifyHmac({ data: Buffer.concat([body, Buffer.from(" ")]), signature: sig, secrets: secret }),
    ).toBe(false);
    expect(await verifyHmac({ data: body.subarray(1), signature: sig, secrets: secret })).toBe(false);
  });
  it("rejects signatures of the wrong length without throwing", async () => {
    const sig = hex(secret);
    for (const bad of [sig.slice(0, -2), `${sig}00`, sig.slice(0, 2), sig.slice(0, -1)]) {
      expect(await verifyHmac({ data: body, signature: bad, secrets: secret })).toBe(false);
    }
    const b = b64(secret);
    expect(
      await verifyHmac({ data: body, signature: b.slice(0, 10), secrets: secret, encoding: "base64" }),
    ).toBe(false);
  });
  it("rejects non-hex or non-base64 garbage without throwing", async () => {
    for (const bad of ["zz".repeat(32), "not a signature", "\u0000\u0001", "é".repeat(64), "==", "sha256="]) {
      expect(await verifyHmac({ data: body, signature: bad, secrets: secret })).toBe(false);
      expect(await verifyHmac({ data: body, signature: bad, secrets: secret, encoding: "base64" })).toBe(
        false,
      );
    }
  });
  it("rejects an empty or missing signature", async () => {
    for (const sig of [undefined, "", "   "]) {
      expect(await verifyHmac({ data: body, signature: sig, secrets: secret })).toBe(false);
    }
  });
  it("rejects everything when no secret is given", async () => {
    expect(await verifyHmac({ data: body, signature: hex(secret), secrets: [] })).toBe(false);
  });
  it("never accepts a signature made with an empty secret (an unset environment variable)", async () => {
    expect(await verifyHmac({ data: body, signature: hex(""), secrets: "" })).toBe(false);
    expect(await verifyHmac({ data: body, signature: hex(""), secrets: ["", secret] })).toBe(false);
    expect(await verifyHmac({ data: body, signature: hex(secret), secrets: ["", secret] })).toBe(true);
  });
  it("verifies multi-part data", async () => {
    const ts = "1700000000";
    const sig = hex(secret, Buffer.from(`${ts}.${body}`));
    expect(await verifyHmac({ data: [ts, ".", body], signature: sig, secrets: secret })).toBe(true);
    expect(await verifyHmac({ data: ["1700000001", ".", body], signature: sig, secrets: secret })).toBe(
      false,
    );
    // moving the separator changes nothing in the concatenation, so it still matches: the parts are not delimited
    expect(await verifyHmac({ data: [`${ts}.`, body], signature: sig, secrets: secret })).toBe(true);
  });
});

describe("assertHmac", () => {
  const catchErr = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      return e as WebhookError;
    }
    throw new Error("expected a throw");
  };
  it("passes silently on a match", async () => {
    await expect(
      assertHmac({ data: body, signature: hex(secret), secrets: secret }, "X-Sig"),
    ).resolves.toBeUndefined();
  });
  it("throws 401 signature_missing naming the header", async () => {
    const e = await catchErr(() =>
      assertHmac({ data: body, signature: undefined, secrets: secret }, "X-Sig"),
    );
    expect(e).toBeInstanceOf(WebhookError);
    expect(e.status).toBe(401);
    expect(e.code).toBe("signature_missing");
    expect(e.message).toContain("X-Sig");
  });
  it("throws 401 signature_mismatch without the secret or the expected signature in the message", async () => {
    const e = await catchErr(() =>
      assertHmac({ data: body, signature: hex("nope"), secrets: secret }, "X-Sig"),
    );
    expect(e.status).toBe(401);
    expect(e.code).toBe("signature_mismatch");
    expect(e.message).not.toContain(secret);
    expect(e.message).not.toContain(hex(secret));
    expect(e.toResponse().body).not.toContain(secret);
  });
});
