import { builtinProviders, createReceiver, type SignatureOptions } from "@scribehook/core";
import { signDelivery } from "@scribehook/testing";
import { describe, expect, it } from "vitest";
import { deliver, expectRefused } from "./deliver";

// One mechanism applies a `signature` override to every provider that declares a scheme: moving the
// signature to another header, writing it with another prefix or in another encoding is accepted once
// configured, and refused without the override. Standard Webhooks (a list of `v1,` entries) and
// ElevenLabs (`t=…,v0=…`) get the same treatment as the single-signature providers.
const SECRETS: Record<string, string> = { standardwebhooks: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" };
const signing = Object.values(builtinProviders).filter((d) => d.signature !== undefined);

type Sample = ReturnType<typeof signDelivery>;

function setup(id: string, secret: string, signature?: SignatureOptions) {
  return createReceiver({ providers: { [id]: { secret, ...(signature ? { signature } : {}) } } });
}

/** The sample with its signature header's value rewritten (and optionally moved to another header). */
function rewrite(d: Sample, header: string, change: (value: string) => string, to = header): Sample {
  const name = Object.keys(d.headers).find((k) => k.toLowerCase() === header.toLowerCase())!;
  const { [name]: value, ...rest } = d.headers;
  return { ...d, headers: { ...rest, [to]: change(value!) } };
}

/** Applies `change` to every signature entry (not a timestamp entry) of a header value. */
function entries(scheme: (typeof signing)[number]["signature"], change: (entry: string) => string) {
  const s = scheme!;
  return (value: string) =>
    s.separator === undefined
      ? change(value)
      : value
          .split(s.separator)
          .map((e) => (s.timestamp?.entry && e.startsWith(s.timestamp.entry) ? e : change(e)))
          .join(s.separator);
}

describe.each(signing.map((d) => [d.id, d] as const))("%s: the signature override", (id, definition) => {
  const scheme = definition.signature!;
  const header = typeof scheme.header === "string" ? scheme.header : scheme.header[0]!;
  const prefix = (scheme.prefix ?? "").replace("{algorithm}", scheme.algorithm);
  const secret = SECRETS[id] ?? "override-test-secret";
  const sample = () => signDelivery(id, { secret });

  it("is accepted as sent, before any override (the sample is valid)", async () => {
    expect((await deliver(setup(id, secret), sample())).status).toBe(200);
  });

  it("header: reads the signature from the configured header, and only from there", async () => {
    const moved = rewrite(sample(), header, (v) => v, "x-moved-signature");
    expect((await deliver(setup(id, secret, { header: "X-Moved-Signature" }), moved)).status).toBe(200);
    expectRefused(await deliver(setup(id, secret), moved), 401, "signature_missing");
    const unmoved = await deliver(setup(id, secret, { header: "X-Moved-Signature" }), sample());
    expectRefused(unmoved, 401, "signature_missing");
  });

  it("prefix: every signature needs the configured prefix instead of the declared one", async () => {
    const tagged = rewrite(
      sample(),
      header,
      entries(scheme, (e) => `x1:${e.trim().slice(prefix.length)}`),
    );
    expect((await deliver(setup(id, secret, { prefix: "x1:" }), tagged)).status).toBe(200);
    expectRefused(await deliver(setup(id, secret), tagged), 401, "signature_mismatch");
  });

  it("encoding: every signature is read in the configured encoding", async () => {
    const other = scheme.encoding === "hex" ? "base64" : "hex";
    const reencode = (e: string) => {
      const bytes = Buffer.from(e.trim().slice(prefix.length), scheme.encoding === "hex" ? "hex" : "base64");
      return prefix + bytes.toString(other);
    };
    const reencoded = rewrite(sample(), header, entries(scheme, reencode));
    expect((await deliver(setup(id, secret, { encoding: other }), reencoded)).status).toBe(200);
    expectRefused(await deliver(setup(id, secret), reencoded), 401, "signature_mismatch");
  });
});

describe("the override, at creation", () => {
  it("is refused for a provider that does not sign, and checked field by field", () => {
    expect(() =>
      createReceiver({ providers: { soniox: { headers: { a: "b" }, signature: { header: "X-Sig" } } } }),
    ).toThrow(/providers\.soniox\.signature: Soniox does not sign/);
    expect(() =>
      createReceiver({
        providers: {
          standardwebhooks: { secret: SECRETS.standardwebhooks!, signature: { prefix: 1 as never } },
        },
      }),
    ).toThrow(/providers\.standardwebhooks\.signature\.prefix/);
  });
});
