import { randomBytes } from "node:crypto";
import { signDelivery } from "@scribehook/testing";
import OpenAI from "openai";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { nowSeconds, receiverFor } from "./support";

// OpenAI signs its webhooks with Standard Webhooks; its secrets are always `whsec_…`. Its SDK verifies
// with `client.webhooks.unwrap(body, headers)`. No network: the client is never asked to call OpenAI.
// The SDK's package declares Node >= 22; it is exercised on whatever Node runs the suite (CI: Node 20).
const SECRET = `whsec_${randomBytes(32).toString("base64")}`;
const client = new OpenAI({ apiKey: "sk-test-not-used", webhookSecret: SECRET });

/** An OpenAI webhook event, in the shape of OpenAI's webhook reference (`response.completed`). */
const event = (type: string, id: string) =>
  JSON.stringify({ id: `evt_${id}`, object: "event", created_at: nowSeconds(), type, data: { id } });

/** Headers as OpenAI sends them: Standard Webhooks, signed here with the spec's own library. */
function openaiHeaders(msgId: string, t: number, body: string) {
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(t),
    "webhook-signature": new Webhook(SECRET).sign(msgId, new Date(t * 1000), body),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("OpenAI-signed deliveries: the SDK and scribehook agree", () => {
  it("accepts what client.webhooks.unwrap accepts, and maps it", async () => {
    const r = receiverFor("standardwebhooks", { secret: SECRET });
    const body = event("response.completed", "resp_abc");
    const headers = openaiHeaders("wh_1", nowSeconds(), body);
    const unwrapped = await client.webhooks.unwrap(body, headers);
    expect(unwrapped.type).toBe("response.completed");
    expect((await r.send({ headers, body })).status).toBe(200);
    expect(r.events[0]).toMatchObject({
      type: "transcription.completed",
      jobId: "resp_abc",
      idempotencyKey: "standardwebhooks:wh_1",
    });
  });

  it("agrees on the window: accepted at t + 300.5 s by both, refused at t + 301 s by both", async () => {
    const r = receiverFor("standardwebhooks", { secret: SECRET });
    const t = nowSeconds() - 3600;
    const body = event("batch.failed", "batch_1");
    vi.useFakeTimers({ toFake: ["Date"] });
    for (const [offsetMs, accepted] of [
      [300_500, true],
      [301_000, false],
    ] as const) {
      vi.setSystemTime(t * 1000 + offsetMs);
      const headers = openaiHeaders(`wh_${offsetMs}`, t, body);
      const sdk = await client.webhooks.unwrap(body, headers).then(
        () => true,
        () => false,
      );
      const res = await r.send({ headers, body });
      expect({ offsetMs, sdk, scribehook: res.status === 200 }).toEqual({
        offsetMs,
        sdk: accepted,
        scribehook: accepted,
      });
    }
  });

  it("deliberately stricter: an unversioned signature entry, which the SDK also tries, is refused", async () => {
    const r = receiverFor("standardwebhooks", { secret: SECRET });
    const body = event("response.completed", "resp_bare");
    const headers = openaiHeaders("wh_bare", nowSeconds(), body);
    headers["webhook-signature"] = headers["webhook-signature"].slice("v1,".length);
    await expect(client.webhooks.unwrap(body, headers)).resolves.toBeDefined();
    const res = await r.send({ headers, body });
    expect([res.status, res.json.error.code]).toEqual([401, "signature_mismatch"]);
  });
});

describe("@scribehook/testing → OpenAI's SDK", () => {
  it("signDelivery('standardwebhooks') with a whsec_ secret passes client.webhooks.unwrap", async () => {
    for (const status of ["completed", "failed"]) {
      const d = signDelivery("standardwebhooks", { secret: SECRET, status, jobId: "batch_7" });
      const unwrapped = (await client.webhooks.unwrap(d.body, d.headers)) as unknown as {
        data: { id: string };
      };
      expect(unwrapped.data.id).toBe("batch_7");
      await expect(client.webhooks.unwrap(d.body.replace("batch_7", "batch_8"), d.headers)).rejects.toThrow();
    }
  });
});
