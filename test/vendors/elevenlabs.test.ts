import { randomBytes, webcrypto } from "node:crypto";
import { ElevenLabsClient } from "@elevenlabs/elevenlabs-js";
import { signDelivery } from "@scribehook/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { nowSeconds, receiverFor } from "./support";

// ElevenLabs' SDK verifies webhooks with `client.webhooks.constructEvent(rawBody, signatureHeader,
// secret)`. No network: the client is never asked to call ElevenLabs.
const SECRET = `wsec_${randomBytes(32).toString("hex")}`;
const webhooks = new ElevenLabsClient({ apiKey: "not-used" }).webhooks;

const transcription = (requestId: string) =>
  JSON.stringify({
    type: "speech_to_text_transcription",
    event_timestamp: nowSeconds(),
    data: { request_id: requestId, transcription: { language_code: "en", text: "hello" } },
  });

/**
 * `ElevenLabs-Signature` made the way the SDK checks it: `t=<seconds>,v0=<hex HMAC-SHA256(secret,
 * "<t>.<body>")>`, with the secret's UTF-8 bytes as the key, through Web Crypto like the SDK.
 */
async function sdkStyleHeader(t: number, body: string, secret = SECRET): Promise<string> {
  const enc = new TextEncoder();
  const key = await webcrypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = Buffer.from(await webcrypto.subtle.sign("HMAC", key, enc.encode(`${t}.${body}`)));
  return `t=${t},v0=${mac.toString("hex")}`;
}

const accepts = (body: string, header: string) =>
  webhooks.constructEvent(body, header, SECRET).then(
    () => true,
    () => false,
  );

afterEach(() => {
  vi.useRealTimers();
});

describe("ElevenLabs-signed deliveries: the SDK and scribehook agree", () => {
  it("accepts a signature that constructEvent accepts, and maps it", async () => {
    const r = receiverFor("elevenlabs", { secret: SECRET });
    const body = transcription("req_el_1");
    const header = await sdkStyleHeader(nowSeconds(), body);
    expect(await accepts(body, header)).toBe(true);
    const res = await r.send({ headers: { "elevenlabs-signature": header }, body });
    expect(res.status).toBe(200);
    expect(r.events[0]).toMatchObject({ type: "transcription.completed", jobId: "req_el_1" });
  });

  it("both refuse a wrong secret, a tampered body and a timestamp older than 30 minutes", async () => {
    const r = receiverFor("elevenlabs", { secret: SECRET });
    const body = transcription("req_el_2");
    const cases = {
      wrongSecret: [body, await sdkStyleHeader(nowSeconds(), body, "wsec_guess")],
      tampered: [body.replace("hello", "hullo"), await sdkStyleHeader(nowSeconds(), body)],
      stale: [body, await sdkStyleHeader(nowSeconds() - 1801, body)],
    } as const;
    for (const [name, [sent, header]] of Object.entries(cases)) {
      expect(await accepts(sent, header), name).toBe(false);
      expect((await r.send({ headers: { "elevenlabs-signature": header }, body: sent })).status, name).toBe(
        401,
      );
    }
    expect(r.events).toHaveLength(0);
  });

  it("deliberately stricter: a timestamp more than 30 minutes in the future is refused (the SDK accepts it)", async () => {
    const r = receiverFor("elevenlabs", { secret: SECRET });
    const body = transcription("req_el_future");
    const header = await sdkStyleHeader(nowSeconds() + 3600, body);
    expect(await accepts(body, header)).toBe(true);
    const res = await r.send({ headers: { "elevenlabs-signature": header }, body });
    expect([res.status, res.json.error.code]).toEqual([401, "timestamp_too_new"]);
  });

  it("deliberately looser by under a second: at t + 1800.5 s scribehook accepts (now floored), the SDK refuses", async () => {
    const r = receiverFor("elevenlabs", { secret: SECRET });
    const t = nowSeconds() - 7200;
    const body = transcription("req_el_edge");
    const header = signDelivery("elevenlabs", { body, secret: SECRET, timestamp: t }).headers[
      "elevenlabs-signature"
    ]!;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(t * 1000 + 1_800_500);
    expect(await accepts(body, header)).toBe(false);
    expect((await r.send({ headers: { "elevenlabs-signature": header }, body })).status).toBe(200);
    vi.setSystemTime(t * 1000 + 1_801_000);
    const later = await r.send({ headers: { "elevenlabs-signature": header }, body });
    expect([later.status, later.json.error.code]).toEqual([401, "timestamp_too_old"]);
  });
});

describe("@scribehook/testing → ElevenLabs' SDK", () => {
  it("signDelivery('elevenlabs') passes constructEvent, completed and failed", async () => {
    for (const status of ["completed", "failed"]) {
      const d = signDelivery("elevenlabs", { secret: SECRET, status, jobId: "req_kit" });
      const header = d.headers["elevenlabs-signature"]!;
      const parsed = (await webhooks.constructEvent(d.body, header, SECRET)) as {
        data: { request_id: string };
      };
      expect(parsed.data.request_id).toBe("req_kit");
      expect(await accepts(d.body.replace("req_kit", "req_kix"), header)).toBe(false);
    }
  });
});
