import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkSignature } from "../../src/verify/check-signature";
import { compileSignature } from "../../src/verify/hmac-signature";

// The one verifier of every declared HMAC scheme, from the sender's side: signatures are made with
// Node's own createHmac, as a provider would make them.
const body = new TextEncoder().encode('{"id":"j1"}');
const sign = (key: string, data: string, encoding: "hex" | "base64" = "hex") =>
  createHmac("sha256", key).update(data).digest(encoding);
const headers = (h: Record<string, string>) => (name: string) => h[name.toLowerCase()];
const now = Math.floor(Date.now() / 1000);

describe("checkSignature", () => {
  const plain = {
    header: ["X-Sig", "X-Old-Sig"],
    algorithm: "sha256",
    encoding: "hex",
    prefix: "sha256=",
  } as const;

  it("returns the index of the key that matched, trying every key (rotation)", async () => {
    const sig = compileSignature(plain, undefined, ["old", "new"]);
    const value = `sha256=${sign("new", '{"id":"j1"}')}`;
    expect(await checkSignature(sig, headers({ "x-sig": value }), body)).toBe(1);
  });

  it("reads the first header name that was sent", async () => {
    const sig = compileSignature(plain, undefined, ["k"]);
    const value = `sha256=${sign("k", '{"id":"j1"}')}`;
    expect(await checkSignature(sig, headers({ "x-old-sig": value }), body)).toBe(0);
  });

  it("never matches with an empty key, even a signature made with one", async () => {
    const sig = compileSignature(plain, undefined, [""]);
    const value = `sha256=${sign("", '{"id":"j1"}')}`;
    await expect(checkSignature(sig, headers({ "x-sig": value }), body)).rejects.toMatchObject({
      code: "signature_mismatch",
    });
  });

  it("refuses a signature without the prefix, or not in the encoding, as a mismatch", async () => {
    const sig = compileSignature(plain, undefined, ["k"]);
    for (const value of [
      sign("k", '{"id":"j1"}'),
      "sha256=",
      `sha256=${sign("k", '{"id":"j1"}', "base64")}`,
    ]) {
      await expect(checkSignature(sig, headers({ "x-sig": value }), body)).rejects.toMatchObject({
        status: 401,
        code: "signature_mismatch",
      });
    }
  });

  describe("a timestamp entry in a multi-entry header", () => {
    const scheme = {
      header: "Sig",
      algorithm: "sha256",
      encoding: "hex",
      prefix: "v0=",
      separator: ",",
      signed: "{timestamp}.{body}",
      timestamp: { entry: "t=", window: "1m" },
    } as const;
    const sig = compileSignature(scheme, undefined, ["k"]);
    const value = (t: number) => `t=${t},v0=${sign("k", `${t}.{"id":"j1"}`)}`;

    it("is signed, and must lie within the declared window, or the tolerance given", async () => {
      expect(await checkSignature(sig, headers({ sig: value(now - 30) }), body)).toBe(0);
      await expect(checkSignature(sig, headers({ sig: value(now - 90) }), body)).rejects.toMatchObject({
        code: "timestamp_too_old",
      });
      expect(await checkSignature(sig, headers({ sig: value(now - 90) }), body, 120)).toBe(0);
    });

    it("a header of only a timestamp has no signature; one without a timestamp has no t=", async () => {
      await expect(checkSignature(sig, headers({ sig: `t=${now}` }), body)).rejects.toMatchObject({
        code: "signature_missing",
      });
      await expect(checkSignature(sig, headers({ sig: "v0=00" }), body)).rejects.toMatchObject({
        code: "timestamp_missing",
        message: expect.stringContaining("t="),
      });
    });
  });

  it("an override replaces header, algorithm, encoding and prefix; {algorithm} follows the algorithm", async () => {
    const declared = {
      header: "X-Sig",
      algorithm: "sha256",
      encoding: "hex",
      prefix: "{algorithm}=",
    } as const;
    expect(compileSignature(declared, undefined, []).prefix).toBe("sha256=");
    expect(compileSignature(declared, { algorithm: "sha1" }, []).prefix).toBe("sha1=");
    const over = compileSignature(declared, { header: "X-Other", encoding: "base64", prefix: "" }, ["k"]);
    expect(over).toMatchObject({ header: ["X-Other"], algorithm: "sha256", encoding: "base64", prefix: "" });
    const value = sign("k", '{"id":"j1"}', "base64");
    expect(await checkSignature(over, headers({ "x-other": value }), body)).toBe(0);
  });
});
