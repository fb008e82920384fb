import { describe, expect, it } from "vitest";
import { createReceiver, URL_TOKEN_PARAM, verifyUrlToken, WebhookError } from "../../src/index";
import { createUrlToken } from "../../src/verify/url-token";

const SECRET = "url-token-secret-1";
const now = 1_700_000_000_000;
const iat = now / 1000;
const claims = {
  provider: "threeplay",
  path: "/webhooks/threeplay",
  iat,
  exp: iat + 3600,
  metadata: { orderId: "42", customer: "acme" },
};
const opts = { provider: "threeplay", path: "/webhooks/threeplay", now };

async function codeOf(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WebhookError);
    expect((e as WebhookError).status).toBe(401);
    const text = `${(e as WebhookError).message} ${(e as WebhookError).toResponse().body}`;
    expect(text).not.toContain(SECRET);
    return (e as WebhookError).code;
  }
  return "accepted";
}

/** Re-encodes the token's claims part, keeping the old signature: what a forger would do. */
function tamper(token: string, edit: (body: any) => void): string {
  const [encoded, sig] = token.split(".");
  const body = JSON.parse(Buffer.from(encoded!, "base64url").toString());
  edit(body);
  return `${Buffer.from(JSON.stringify(body)).toString("base64url")}.${sig}`;
}

describe("createUrlToken / verifyUrlToken", () => {
  it("round-trips every claim, the metadata included", async () => {
    const token = createUrlToken(claims, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(await verifyUrlToken(token, [SECRET], opts)).toEqual(claims);
    expect((await verifyUrlToken(token, SECRET, opts)).metadata).toEqual({ orderId: "42", customer: "acme" });
  });
  it("round-trips without metadata", async () => {
    const token = createUrlToken({ ...claims, metadata: {} }, SECRET);
    expect((await verifyUrlToken(token, SECRET, opts)).metadata).toEqual({});
  });
  it("refuses a missing token", async () => {
    for (const t of [undefined, null, ""])
      expect(await codeOf(() => verifyUrlToken(t, SECRET, opts))).toBe("token_missing");
  });
  it("refuses an expired token, with the expiry instant itself already expired", async () => {
    const token = createUrlToken(claims, SECRET);
    expect(await codeOf(() => verifyUrlToken(token, SECRET, { ...opts, now: now + 3599_000 }))).toBe(
      "accepted",
    );
    expect(await codeOf(() => verifyUrlToken(token, SECRET, { ...opts, now: now + 3600_000 }))).toBe(
      "token_expired",
    );
    expect(await codeOf(() => verifyUrlToken(token, SECRET, { ...opts, now: now + 86_400_000 }))).toBe(
      "token_expired",
    );
  });
  it("refuses tampered metadata, expiry, provider and path (signature no longer matches)", async () => {
    const token = createUrlToken(claims, SECRET);
    expect(
      await codeOf(() =>
        verifyUrlToken(
          tamper(token, (b) => (b.m.orderId = "43")),
          SECRET,
          opts,
        ),
      ),
    ).toBe("token_invalid");
    expect(
      await codeOf(() =>
        verifyUrlToken(
          tamper(token, (b) => (b.m.admin = "1")),
          SECRET,
          opts,
        ),
      ),
    ).toBe("token_invalid");
    expect(
      await codeOf(() =>
        verifyUrlToken(
          tamper(token, (b) => (b.e += 86_400)),
          SECRET,
          opts,
        ),
      ),
    ).toBe("token_invalid");
    expect(
      await codeOf(() =>
        verifyUrlToken(
          tamper(token, (b) => (b.p = "gladia")),
          SECRET,
          opts,
        ),
      ),
    ).toBe("token_invalid");
    expect(
      await codeOf(() =>
        verifyUrlToken(
          tamper(token, (b) => (b.u = "/other")),
          SECRET,
          opts,
        ),
      ),
    ).toBe("token_invalid");
  });
  it("refuses a tampered signature and structural garbage", async () => {
    const token = createUrlToken(claims, SECRET);
    const [encoded, sig] = token.split(".") as [string, string];
    const flipped = sig[0] === "A" ? `B${sig.slice(1)}` : `A${sig.slice(1)}`;
    for (const bad of [
      `${encoded}.${flipped}`,
      `${encoded}.`,
      `.${sig}`,
      encoded,
      `${encoded}.${sig}.extra`,
      "garbage",
      `${encoded}x.${sig}`,
    ]) {
      expect(await codeOf(() => verifyUrlToken(bad, SECRET, opts))).toBe("token_invalid");
    }
  });
  it("refuses a token used on another path (signed path differs from request path)", async () => {
    const token = createUrlToken(claims, SECRET);
    expect(await codeOf(() => verifyUrlToken(token, SECRET, { ...opts, path: "/hooks/threeplay" }))).toBe(
      "token_invalid",
    );
    // a trailing slash is the same route
    expect(await codeOf(() => verifyUrlToken(token, SECRET, { ...opts, path: "/webhooks/threeplay/" }))).toBe(
      "accepted",
    );
  });
  it("refuses a token made for another provider", async () => {
    const token = createUrlToken({ ...claims, provider: "gladia" }, SECRET);
    expect(await codeOf(() => verifyUrlToken(token, SECRET, opts))).toBe("token_wrong_provider");
  });
  it("refuses a token made with another secret", async () => {
    const token = createUrlToken(claims, "another-secret");
    expect(await codeOf(() => verifyUrlToken(token, SECRET, opts))).toBe("token_invalid");
  });
  it("accepts tokens of any secret in the rotation list, and none made with a dropped one", async () => {
    const old = createUrlToken(claims, "old-secret");
    const fresh = createUrlToken(claims, SECRET);
    expect(await codeOf(() => verifyUrlToken(old, [SECRET, "old-secret"], opts))).toBe("accepted");
    expect(await codeOf(() => verifyUrlToken(fresh, [SECRET, "old-secret"], opts))).toBe("accepted");
    expect(await codeOf(() => verifyUrlToken(old, [SECRET], opts))).toBe("token_invalid");
  });
  it("refuses tokens older than maxAge even when not expired", async () => {
    const token = createUrlToken({ ...claims, exp: iat + 30 * 86_400 }, SECRET);
    const day = 86_400_000;
    expect(
      await codeOf(() => verifyUrlToken(token, SECRET, { ...opts, maxAgeMs: day, now: now + day - 1000 })),
    ).toBe("accepted");
    expect(
      await codeOf(() => verifyUrlToken(token, SECRET, { ...opts, maxAgeMs: day, now: now + day + 1000 })),
    ).toBe("token_expired");
  });
});

describe("receiver.callbackUrl and extra query parameters", () => {
  const receiver = createReceiver({
    providers: { assemblyai: { urlToken: true } },
    urlTokenSecret: [SECRET, "old"],
  });
  it("signs with the first secret a URL under baseUrl + base path, with metadata", async () => {
    const url = new URL(
      receiver.callbackUrl({
        provider: "assemblyai",
        baseUrl: "https://api.example.com/api/",
        metadata: { a: "1" },
      }),
    );
    expect(url.origin + url.pathname).toBe("https://api.example.com/api/webhooks/assemblyai");
    const token = url.searchParams.get(URL_TOKEN_PARAM);
    const claims = await verifyUrlToken(token, SECRET, {
      provider: "assemblyai",
      path: "/webhooks/assemblyai",
    });
    expect(claims.metadata).toEqual({ a: "1" });
    expect(claims.exp - claims.iat).toBe(14 * 86_400);
  });
  it("extra query parameters are allowed but never end up in the trusted metadata", async () => {
    const url = new URL(
      receiver.callbackUrl({
        provider: "assemblyai",
        baseUrl: "https://x.test",
        metadata: { orderId: "42" },
      }),
    );
    url.searchParams.set("orderId", "666");
    url.searchParams.set("jobId", "forged");
    const events: any[] = [];
    receiver.onAny((e) => void events.push(e));
    const res = await receiver.handle({
      method: "POST",
      url: url.pathname + url.search,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ transcript_id: "tr_1", status: "completed" }),
    });
    expect(res.status).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0].metadata).toEqual({ orderId: "42" });
  });
  it("refuses to sign for an unconfigured provider, naming how to fix it", async () => {
    expect(() => receiver.callbackUrl({ provider: "gladia", baseUrl: "https://x.test" })).toThrow(
      /not configured/,
    );
  });
  it("refuses a relative baseUrl and non-string metadata", async () => {
    expect(() => receiver.callbackUrl({ provider: "assemblyai", baseUrl: "/relative" })).toThrow(
      /absolute URL/,
    );
    expect(() =>
      receiver.callbackUrl({ provider: "assemblyai", baseUrl: "https://x.test", metadata: { n: 1 as any } }),
    ).toThrow(/metadata\.n/);
  });
});
