/**
 * Deliberate attacks on authentication and addressing: each must be refused with its documented
 * status and code, run no handler, and name no secret in the answer.
 */
import { createHmac } from "node:crypto";
import { createReceiver, type RejectedDelivery, type WebhookResponse } from "@scribehook/core";
import { signDelivery } from "@scribehook/testing";
import { describe, expect, it } from "vitest";
import {
  fixtureReceiver,
  instantTranscriberHeaders,
  leaksSecret,
  SECRETS,
  signedPath,
  standardWebhooksHeaders,
  tokenOf,
} from "./fixture";

const itBody = (id = `it-${Math.random()}`) => JSON.stringify({ id, status: "completed" });
const swBody = (id = `sw-${Math.random()}`) =>
  JSON.stringify({ type: "transcription.completed", data: { id, status: "completed" } });
const aaiBody = (id = `aai-${Math.random()}`) => JSON.stringify({ transcript_id: id, status: "completed" });

function refused(res: WebhookResponse, status: number, code: string): void {
  expect({ status: res.status, code: JSON.parse(res.body).error?.code }).toEqual({ status, code });
  expect(leaksSecret(res.body)).toBe(false);
}

describe("forged HMAC signatures", () => {
  const { receiver, calls } = fixtureReceiver();
  const post = (headers: Record<string, string>, body: string) =>
    receiver.handle({ method: "POST", url: "/webhooks/instanttranscriber", headers, body });

  it.each([
    ["empty after the prefix", "sha256="],
    ["one hex digit short", (sig: string) => sig.slice(0, -1)],
    ["one byte short", (sig: string) => sig.slice(0, -2)],
    ["one byte too long", (sig: string) => `${sig}00`],
    ["twice as long (the right MAC repeated)", (sig: string) => `sha256=${sig.slice(7).repeat(2)}`],
    ["a SHA-1 length MAC", () => `sha256=${"a".repeat(40)}`],
    ["a SHA-512 length MAC", () => `sha256=${"a".repeat(128)}`],
    [
      "the right MAC in base64",
      (sig: string) => `sha256=${Buffer.from(sig.slice(7), "hex").toString("base64")}`,
    ],
    ["non-hex characters", (sig: string) => `${sig.slice(0, -2)}zz`],
    ["the MAC without its prefix under another prefix", (sig: string) => `sha1=${sig.slice(7)}`],
    [
      "a MAC made with another secret",
      () => instantTranscriberHeaders(itBody(), "wrong")["x-instanttranscriber-signature"],
    ],
  ])("refuses a signature %s: 401 signature_mismatch", async (_name, forge) => {
    const body = itBody();
    const good = instantTranscriberHeaders(body)["x-instanttranscriber-signature"];
    const sig = typeof forge === "string" ? forge : forge(good);
    const res = await post(
      { "content-type": "application/json", "x-instanttranscriber-signature": sig },
      body,
    );
    refused(res, 401, "signature_mismatch");
    expect(calls).toHaveLength(0);
  });

  it("refuses a missing signature header: 401 signature_missing", async () => {
    refused(await post({ "content-type": "application/json" }, itBody()), 401, "signature_missing");
    expect(calls).toHaveLength(0);
  });

  it("accepts the same signature in upper-case hex and an upper-case prefix (the fuzzer's finding: one MAC, two spellings)", async () => {
    const body = itBody();
    const sig = instantTranscriberHeaders(body)["x-instanttranscriber-signature"];
    const res = await post(
      { "content-type": "application/json", "x-instanttranscriber-signature": sig.toUpperCase() },
      body,
    );
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it("signs the exact bytes: the same JSON re-serialised (spaces, key order) is refused", async () => {
    const body = JSON.stringify({ id: "it-reencoded", status: "completed" });
    const headers = instantTranscriberHeaders(body);
    const before = calls.length;
    refused(
      await post(headers, JSON.stringify({ status: "completed", id: "it-reencoded" })),
      401,
      "signature_mismatch",
    );
    refused(await post(headers, JSON.stringify(JSON.parse(body), null, 1)), 401, "signature_mismatch");
    expect(calls.length).toBe(before);
  });
});

describe("header-name case games and duplicated headers", () => {
  it("matches header names case-insensitively, but values exactly", async () => {
    const receiver = createReceiver({
      // A configured name in mixed case is the same header.
      providers: { assemblyai: { headers: { "X-Webhook-Token": SECRETS.aaiToken } } },
    });
    let runs = 0;
    receiver.onAny(() => {
      runs++;
    });
    const send = (headers: Record<string, string | string[]>) =>
      receiver.handle({ method: "POST", url: "/webhooks/assemblyai", headers, body: aaiBody() });
    expect(
      (await send({ "x-WEBHOOK-token": SECRETS.aaiToken, "content-type": "application/json" })).status,
    ).toBe(200);
    expect(runs).toBe(1);
    refused(await send({ "x-webhook-token": SECRETS.aaiToken.toUpperCase() }), 401, "header_mismatch");
    refused(await send({ "x-webhook-token": `${SECRETS.aaiToken}x` }), 401, "header_mismatch");
    refused(await send({ "x-webhook-token": SECRETS.aaiToken.slice(0, -1) }), 401, "header_mismatch");
    refused(await send({ "x-webhook-token2": SECRETS.aaiToken }), 401, "header_missing");
    refused(await send({ x_webhook_token: SECRETS.aaiToken }), 401, "header_missing");
    // Sent twice (right and wrong, in either order, or right twice): refused as repeated.
    refused(await send({ "x-webhook-token": [SECRETS.aaiToken, "forged"] }), 401, "header_repeated");
    refused(await send({ "x-webhook-token": ["forged", SECRETS.aaiToken] }), 401, "header_repeated");
    refused(await send({ "x-webhook-token": [SECRETS.aaiToken, SECRETS.aaiToken] }), 401, "header_repeated");
    // Joined the way Node and Fetch join repeats: counted as repeated too.
    refused(await send({ "x-webhook-token": `${SECRETS.aaiToken}, forged` }), 401, "header_repeated");
    expect(runs).toBe(1);
  });
  // Over real HTTP, through every framework: test/conformance ("attacker: header names …").
});

describe("signed callback URLs", () => {
  it("refuses tampered metadata, a swapped signature, and a truncated token", async () => {
    const { receiver, calls } = fixtureReceiver();
    const path = signedPath(receiver, "threeplay", { metadata: { orderId: "42" } });
    const token = tokenOf(path);
    const [encoded, signature] = token.split(".") as [string, string];
    const claims = JSON.parse(Buffer.from(encoded, "base64url").toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, m: { orderId: "43" } })).toString("base64url");
    const other = tokenOf(signedPath(receiver, "threeplay", { metadata: { orderId: "43" } }));
    const send = (t: string) =>
      receiver.handle({
        method: "POST",
        url: `/webhooks/threeplay?sh_token=${encodeURIComponent(t)}`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ file_id: "f1", status: "complete" }),
      });
    refused(await send(`${tampered}.${signature}`), 401, "token_invalid");
    refused(await send(`${encoded}.${other.split(".")[1]}`), 401, "token_invalid");
    refused(await send(encoded), 401, "token_invalid");
    refused(await send(`${encoded}.`), 401, "token_invalid");
    refused(await send(`.${signature}`), 401, "token_invalid");
    // Extending the expiry is tampering too.
    const longer = Buffer.from(JSON.stringify({ ...claims, e: claims.e + 10 ** 6 })).toString("base64url");
    refused(await send(`${longer}.${signature}`), 401, "token_invalid");
    expect(calls).toHaveLength(0);
  });

  it("refuses an expired token every time it is replayed, and one older than maxAge", async () => {
    const { receiver, calls } = fixtureReceiver({
      providers: { threeplay: { urlToken: true }, gladia: { urlToken: { maxAge: "1h" } } },
    });
    const twoDaysAgo = Date.now() - 2 * 86_400_000;
    const expired = signedPath(receiver, "threeplay", { expiresIn: "1d", now: twoDaysAgo });
    for (let i = 0; i < 3; i++) {
      const res = await receiver.handle({
        method: "POST",
        url: expired,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ file_id: `f${i}`, status: "complete" }),
      });
      refused(res, 401, "token_expired");
    }
    // Valid for 14 days, but issued two hours ago and this provider accepts tokens up to 1 h old.
    const old = signedPath(receiver, "gladia", { now: Date.now() - 2 * 3_600_000 });
    const res = await receiver.handle({
      method: "POST",
      url: old,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: "g1", status: "done" }),
    });
    refused(res, 401, "token_expired");
    expect(calls).toHaveLength(0);
  });

  it("refuses a token made for one provider on another provider's route", async () => {
    const { receiver, calls } = fixtureReceiver();
    const forThreeplay = tokenOf(signedPath(receiver, "threeplay"));
    const res = await receiver.handle({
      method: "POST",
      url: `/webhooks/gladia?sh_token=${forThreeplay}`,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: "g2", status: "done" }),
    });
    refused(res, 401, "token_wrong_provider");
    // Nor does a valid token for a URL-token provider authenticate a header-authenticated one.
    const aai = await receiver.handle({
      method: "POST",
      url: `/webhooks/assemblyai?sh_token=${forThreeplay}`,
      headers: { "content-type": "application/json" },
      body: aaiBody(),
    });
    expect(aai.status).toBe(401);
    expect(calls).toHaveLength(0);
  });

  it("a token signed with a secret the receiver does not hold is refused", async () => {
    const { receiver, calls } = fixtureReceiver();
    const attacker = createReceiver({
      providers: { threeplay: { urlToken: true } },
      urlTokenSecret: "attacker-secret",
    });
    const res = await receiver.handle({
      method: "POST",
      url: signedPath(attacker, "threeplay"),
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ file_id: "f9", status: "complete" }),
    });
    refused(res, 401, "token_invalid");
    expect(calls).toHaveLength(0);
  });
});

describe("signed timestamps", () => {
  const { receiver, calls } = fixtureReceiver();
  const now = Math.floor(Date.now() / 1000);
  const post = (headers: Record<string, string>, body: string) =>
    receiver.handle({ method: "POST", url: "/webhooks/standardwebhooks", headers, body });

  it.each([
    ["an hour in the future", now + 3600, "timestamp_too_new"],
    ["a year in the future", now + 365 * 86_400, "timestamp_too_new"],
    ["the largest 12-digit time", 999_999_999_999, "timestamp_too_new"],
    ["an hour old (a replay)", now - 3600, "timestamp_too_old"],
    ["zero", 0, "timestamp_too_old"],
  ])("refuses a correctly signed timestamp %s", async (_name, timestamp, code) => {
    const body = swBody();
    refused(await post(standardWebhooksHeaders(body, { timestamp }), body), 401, code);
    expect(calls).toHaveLength(0);
  });

  it("refuses a timestamp changed after signing, even to one inside the window", async () => {
    const body = swBody();
    const headers = standardWebhooksHeaders(body, { timestamp: now - 60 });
    refused(await post({ ...headers, "webhook-timestamp": String(now) }, body), 401, "signature_mismatch");
    expect(calls).toHaveLength(0);
  });

  it("a replayed delivery inside the window is a duplicate: the handler ran once", async () => {
    const body = swBody();
    const headers = standardWebhooksHeaders(body);
    expect((await post(headers, body)).status).toBe(200);
    const replay = await post(headers, body);
    expect(JSON.parse(replay.body)).toEqual({ ok: true, duplicate: true });
    expect(calls).toHaveLength(1);
  });
});

describe("allowIps: CIDR edges", () => {
  const receiver = createReceiver({
    providers: {
      assemblyai: {
        headers: { "x-webhook-token": SECRETS.aaiToken },
        allowIps: ["10.0.0.0/31", "192.0.2.255/32", "2001:db8::/127", "198.51.100.0/24"],
      },
    },
  });
  let runs = 0;
  receiver.onAny(() => {
    runs++;
  });
  const from = (ip: string | undefined, headers: Record<string, string> = {}) =>
    receiver.handle({
      method: "POST",
      url: "/webhooks/assemblyai",
      headers: { "x-webhook-token": SECRETS.aaiToken, "content-type": "application/json", ...headers },
      body: aaiBody(),
      ip,
    });

  it.each([
    "10.0.0.0",
    "10.0.0.1",
    "::ffff:10.0.0.1",
    "192.0.2.255",
    "2001:db8::",
    "2001:db8::1",
    "2001:0db8:0000:0000:0000:0000:0000:0001",
    "198.51.100.0",
    "198.51.100.255",
  ])("allows %s (inside a range, at its edges)", async (ip) => {
    expect((await from(ip)).status).toBe(200);
  });

  it.each([
    "10.0.0.2",
    "9.255.255.255",
    "192.0.2.254",
    "193.0.2.255",
    "2001:db8::2",
    "2001:db9::",
    "198.51.101.0",
    "198.51.99.255",
    "010.0.0.1",
    "10.0.0.1:443",
    "::ffff:10.0.0.2",
    "::",
    "0.0.0.0",
    "not-an-ip",
    "",
  ])("refuses %s with 403 ip_not_allowed", async (ip) => {
    const before = runs;
    refused(await from(ip), 403, "ip_not_allowed");
    expect(runs).toBe(before);
  });

  it("refuses a request with no known address", async () => {
    refused(await from(undefined), 403, "ip_not_allowed");
  });

  it("ignores X-Forwarded-For with trustProxy off: the socket address decides", async () => {
    const before = runs;
    refused(await from("203.0.113.9", { "x-forwarded-for": "10.0.0.1" }), 403, "ip_not_allowed");
    refused(await from("203.0.113.9", { "x-forwarded-for": "10.0.0.1, 10.0.0.0" }), 403, "ip_not_allowed");
    expect(runs).toBe(before);
    // …and an allowed socket address is not spoiled by a forged header either.
    expect((await from("10.0.0.1", { "x-forwarded-for": "203.0.113.9" })).status).toBe(200);
  });
});

// X-Forwarded-For over real HTTP, with trustProxy off and 1, through every framework: test/conformance
// ("address not allowed …", "trustProxy: 1 …").

describe("secret leakage", () => {
  it("no refusal, in its response or its onRejected record, contains a secret or the URL token", async () => {
    const { receiver } = fixtureReceiver();
    const records: RejectedDelivery[] = [];
    receiver.onRejected((r) => {
      records.push(r);
    });
    const token = tokenOf(signedPath(receiver, "threeplay"));
    const attempts = [
      { url: "/webhooks/assemblyai", headers: { "x-webhook-token": `${SECRETS.aaiToken}!` } },
      { url: "/webhooks/scriptix", headers: { authorization: SECRETS.scriptixToken.slice(0, -2) } },
      {
        url: "/webhooks/instanttranscriber",
        headers: {
          // Forged on purpose, by hand: a well-formed MAC over other bytes than the body sent.
          "x-instanttranscriber-signature": `sha256=${createHmac("sha256", SECRETS.hmac).update("x").digest("hex")}`,
        },
      },
      { url: `/webhooks/gladia?sh_token=${token}`, headers: {} },
      { url: `/webhooks/threeplay?sh_token=${token}x`, headers: {} },
      { url: `/webhooks/threeplay?sh_token=${token}`, headers: { "content-type": "application/xml" } },
    ];
    for (const a of attempts) {
      const res = await receiver.handle({ method: "POST", body: "{}", ...a });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(leaksSecret(res.body + JSON.stringify(res.headers))).toBe(false);
      expect(res.body).not.toContain(token);
    }
    expect(records).toHaveLength(attempts.length);
    for (const r of records) {
      const text = JSON.stringify(r);
      expect(leaksSecret(text)).toBe(false);
      expect(text).not.toContain(token);
    }
  });

  it("signDelivery's deliveries are accepted, and the same delivery under another provider's secret is not", async () => {
    const { receiver, calls } = fixtureReceiver();
    const good = signDelivery("instanttranscriber", { secret: SECRETS.hmac });
    expect((await receiver.handle({ ...good, url: good.path })).status).toBe(200);
    const other = signDelivery("instanttranscriber", { secret: "someone-elses-secret" });
    refused(await receiver.handle({ ...other, url: other.path }), 401, "signature_mismatch");
    expect(calls).toHaveLength(1);
  });
});
