import { createReceiver } from "@scribehook/core";
import { signDelivery } from "@scribehook/testing";
import { describe, expect, it } from "vitest";
import { deliver, expectOneEvent, expectRefused } from "./deliver";

const URL_SECRET = "threeplay-url-secret";
const BASE = "https://api.example.com";

function setup() {
  const receiver = createReceiver({
    providers: { threeplay: { urlToken: true } },
    urlTokenSecret: URL_SECRET,
  });
  const callbackUrl = receiver.callbackUrl({
    provider: "threeplay",
    baseUrl: BASE,
    metadata: { orderId: "42" },
  });
  return { receiver, callbackUrl };
}

describe("threeplay", () => {
  it("turns a form-encoded `complete` into transcription.completed with every value a string", async () => {
    const { receiver, callbackUrl } = setup();
    const d = signDelivery("threeplay", { jobId: "8812", callbackUrl });
    expect(d.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const fields = Object.fromEntries(new URLSearchParams(d.body));
    expectOneEvent(await deliver(receiver, d), {
      type: "transcription.completed",
      provider: "threeplay",
      jobId: "8812",
      status: "completed",
      providerStatus: "complete",
      idempotencyKey: "threeplay:8812:complete",
      metadata: { orderId: "42" },
      payload: { ...fields, id: "8812", status: "complete", cancellable: "false" },
    });
  });

  it("accepts the same fields as JSON", async () => {
    const { receiver, callbackUrl } = setup();
    const d = signDelivery("threeplay", {
      jobId: "8813",
      callbackUrl,
      headers: { "content-type": "application/json" },
    });
    const body = JSON.parse(d.body);
    expect(body).toMatchObject({ id: "8813", status: "complete", cancellable: "false" });
    expectOneEvent(await deliver(receiver, d), {
      type: "transcription.completed",
      provider: "threeplay",
      jobId: "8813",
      status: "completed",
      providerStatus: "complete",
      idempotencyKey: "threeplay:8813:complete",
      metadata: { orderId: "42" },
      payload: body,
    });
  });

  it("turns `cancelled` into transcription.failed with status cancelled and the reason as the error", async () => {
    const { receiver, callbackUrl } = setup();
    const d = signDelivery("threeplay", { jobId: "8814", status: "failed", callbackUrl });
    const fields = Object.fromEntries(new URLSearchParams(d.body));
    expect(fields.status).toBe("cancelled");
    expectOneEvent(await deliver(receiver, d), {
      type: "transcription.failed",
      provider: "threeplay",
      jobId: "8814",
      status: "cancelled",
      providerStatus: "cancelled",
      idempotencyKey: "threeplay:8814:cancelled",
      metadata: { orderId: "42" },
      error: { code: "cancelled", message: "Cancelled by the customer" },
      payload: fields,
    });
  });

  it("gives a cancellation without a reason a generic message", async () => {
    const { receiver, callbackUrl } = setup();
    const d = signDelivery("threeplay", {
      jobId: "8815",
      status: "cancelled",
      callbackUrl,
      headers: { "content-type": "application/json" },
      payload: { cancellation_reason: "" },
    });
    const out = await deliver(receiver, d);
    expect(out.events[0]?.error).toEqual({ code: "cancelled", message: "3Play Media cancelled the order" });
  });

  it("turns `in_progress` into transcription.updated (processing), and an unknown status into other", async () => {
    const { receiver, callbackUrl } = setup();
    const progress = await deliver(
      receiver,
      signDelivery("threeplay", { jobId: "8816", status: "in_progress", callbackUrl }),
    );
    expect(progress.events.map((e) => [e.type, e.status, e.providerStatus])).toEqual([
      ["transcription.updated", "processing", "in_progress"],
    ]);
    const odd = await deliver(
      receiver,
      signDelivery("threeplay", { jobId: "8816", status: "on_hold", callbackUrl }),
    );
    expect(odd.events.map((e) => [e.type, e.status, e.providerStatus])).toEqual([
      ["transcription.updated", "other", "on_hold"],
    ]);
  });

  it("processes each status change of one order once, and a repeat of it as a duplicate", async () => {
    const { receiver, callbackUrl } = setup();
    const d = signDelivery("threeplay", { jobId: "8817", callbackUrl });
    expect((await deliver(receiver, d)).events).toHaveLength(1);
    const again = await deliver(receiver, d);
    expect(again.body).toEqual({ ok: true, duplicate: true });
    expect(again.events).toHaveLength(0);
  });

  describe("refuses", () => {
    it("a delivery without the URL token (401 token_missing)", async () => {
      const { receiver } = setup();
      expectRefused(await deliver(receiver, signDelivery("threeplay")), 401, "token_missing");
    });

    it("a tampered URL token (401 token_invalid)", async () => {
      const { receiver, callbackUrl } = setup();
      const url = new URL(callbackUrl);
      const token = url.searchParams.get("sh_token")!;
      url.searchParams.set("sh_token", `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`);
      expectRefused(
        await deliver(receiver, signDelivery("threeplay", { callbackUrl: url.toString() })),
        401,
        "token_invalid",
      );
    });

    it("a token signed with another secret (401 token_invalid)", async () => {
      const { receiver } = setup();
      const other = createReceiver({
        providers: { threeplay: { urlToken: true } },
        urlTokenSecret: "not-ours",
      });
      const callbackUrl = other.callbackUrl({ provider: "threeplay", baseUrl: BASE });
      expectRefused(
        await deliver(receiver, signDelivery("threeplay", { callbackUrl })),
        401,
        "token_invalid",
      );
    });

    it("an expired URL token (401 token_expired)", async () => {
      const { receiver } = setup();
      const callbackUrl = receiver.callbackUrl({
        provider: "threeplay",
        baseUrl: BASE,
        expiresIn: "1d",
        now: Date.now() - 2 * 86_400_000,
      });
      expectRefused(
        await deliver(receiver, signDelivery("threeplay", { callbackUrl })),
        401,
        "token_expired",
      );
    });

    it("a content type 3Play does not send (415 unsupported_media_type)", async () => {
      const { receiver, callbackUrl } = setup();
      const d = signDelivery("threeplay", { callbackUrl, headers: { "content-type": "text/xml" } });
      expectRefused(await deliver(receiver, d), 415, "unsupported_media_type");
    });

    it("a body without the transcript id (400 job_id_missing)", async () => {
      const { receiver, callbackUrl } = setup();
      const d = signDelivery("threeplay", { callbackUrl, payload: { id: "" } });
      expectRefused(await deliver(receiver, d), 400, "job_id_missing");
    });

    it("a JSON body that is not an object (400 body_malformed)", async () => {
      const { receiver, callbackUrl } = setup();
      const d = {
        ...signDelivery("threeplay", { callbackUrl }),
        body: "[1,2]",
        headers: { "content-type": "application/json" },
      };
      expectRefused(await deliver(receiver, d), 400, "body_malformed");
    });

    it("a PUT (405 with Allow: POST)", async () => {
      const { receiver, callbackUrl } = setup();
      const out = await deliver(receiver, { ...signDelivery("threeplay", { callbackUrl }), method: "PUT" });
      expectRefused(out, 405, "method_not_allowed");
      expect(out.headers.allow).toBe("POST");
    });
  });
});
