import { describe, expect, it } from "vitest";
import { harness } from "./support";

const URL_SECRET = "url-token-secret-for-tests";
const setup = () => harness({ providers: { revcom: { urlToken: true } }, urlTokenSecret: URL_SECRET });
const form = { "content-type": "application/x-www-form-urlencoded" };
const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

describe("revcom", () => {
  it("reads a form-encoded Complete notification on a signed URL, metadata included", async () => {
    const h = setup();
    const url = h.receiver.callbackUrl({
      provider: "revcom",
      baseUrl: "https://api.example.com",
      metadata: { orderId: "42" },
    });
    const res = await h.send({
      url: pathOf(url),
      headers: form,
      body: "order_number=TC432432&client_ref=6&status=Complete",
    });
    expect(res.status).toBe(200);
    expect(h.events[0]).toMatchObject({
      type: "transcription.completed",
      provider: "revcom",
      jobId: "TC432432",
      status: "completed",
      providerStatus: "Complete",
      metadata: { orderId: "42" },
    });
    const e = h.events[0]!;
    if (e.provider === "revcom") expect(e.payload.client_ref).toBe("6");
  });

  it("maps Cancelled → cancelled (transcription.failed) and intermediate steps → processing, JSON too", async () => {
    const h = setup();
    const url = pathOf(h.receiver.callbackUrl({ provider: "revcom", baseUrl: "https://x.test" }));
    await h.send({ url, headers: form, body: "order_number=TC1&status=Cancelled" });
    await h.send({
      url,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ order_number: "TC2", status: "Transcribing" }),
    });
    expect(h.events[0]).toMatchObject({ type: "transcription.failed", status: "cancelled", jobId: "TC1" });
    expect(h.events[1]).toMatchObject({ type: "transcription.updated", status: "processing", jobId: "TC2" });
  });

  it("keeps two file notifications of one order apart (Detailed / FileComplete levels)", async () => {
    const h = setup();
    const url = pathOf(h.receiver.callbackUrl({ provider: "revcom", baseUrl: "https://x.test" }));
    const base = "order_number=TC9&status=In+Progress&type=file_complete";
    await h.send({ url, headers: form, body: `${base}&attachment_id=A1` });
    await h.send({ url, headers: form, body: `${base}&attachment_id=A2` });
    const dup = await h.send({ url, headers: form, body: `${base}&attachment_id=A2` });
    expect(h.events).toHaveLength(2);
    expect(dup.json.duplicate).toBe(true);
  });

  it("refuses a missing, forged or expired URL token with 401", async () => {
    const h = setup();
    const body = "order_number=TC5&status=Complete";
    const missing = await h.send({ url: "/webhooks/revcom", headers: form, body });
    expect([missing.status, missing.json.error.code]).toEqual([401, "token_missing"]);
    const good = pathOf(h.receiver.callbackUrl({ provider: "revcom", baseUrl: "https://x.test" }));
    const forged = await h.send({ url: `${good.slice(0, -3)}AAA`, headers: form, body });
    expect([forged.status, forged.json.error.code]).toEqual([401, "token_invalid"]);
    const old = pathOf(
      h.receiver.callbackUrl({
        provider: "revcom",
        baseUrl: "https://x.test",
        expiresIn: "60s",
        now: Date.now() - 120_000,
      }),
    );
    const expired = await h.send({ url: old, headers: form, body });
    expect([expired.status, expired.json.error.code]).toEqual([401, "token_expired"]);
    expect(h.events).toHaveLength(0);
  });
});
