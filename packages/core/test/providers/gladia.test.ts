import { createReceiver } from "@scribehook/core";
import { signDelivery } from "@scribehook/testing";
import { describe, expect, it } from "vitest";
import { deliver, expectOneEvent, expectRefused } from "./deliver";

const URL_SECRET = "gladia-url-secret";
const BASE = "https://api.example.com";

function setup(options: { maxBodyBytes?: string } = {}) {
  const receiver = createReceiver({
    providers: { gladia: { urlToken: true } },
    urlTokenSecret: URL_SECRET,
    ...options,
  });
  const callbackUrl = receiver.callbackUrl({
    provider: "gladia",
    baseUrl: BASE,
    metadata: { userId: "u-7" },
  });
  return { receiver, callbackUrl };
}

describe("gladia", () => {
  for (const method of ["POST", "PUT"] as const) {
    for (const event of ["transcription.success", "success"]) {
      it(`turns a ${method} with event ${event} into transcription.completed`, async () => {
        const { receiver, callbackUrl } = setup();
        const d = signDelivery("gladia", { jobId: "gl-1", status: event, method, callbackUrl });
        expect(d.method).toBe(method);
        const body = JSON.parse(d.body);
        expect(body.payload.transcription.utterances.length).toBeGreaterThan(0);
        expectOneEvent(await deliver(receiver, d), {
          type: "transcription.completed",
          provider: "gladia",
          jobId: "gl-1",
          status: "completed",
          providerStatus: event,
          idempotencyKey: `gladia:gl-1:${event}`,
          metadata: { userId: "u-7" },
          payload: body,
        });
      });
    }
  }

  it("maps the normalised `completed` to the transcription.success spelling", () => {
    expect(JSON.parse(signDelivery("gladia", { status: "completed" }).body).event).toBe(
      "transcription.success",
    );
  });

  for (const method of ["POST", "PUT"] as const) {
    it(`turns a ${method} transcription.error into transcription.failed with code and message`, async () => {
      const { receiver, callbackUrl } = setup();
      const d = signDelivery("gladia", { jobId: "gl-2", status: "failed", method, callbackUrl });
      const body = JSON.parse(d.body);
      expect(body.event).toBe("transcription.error");
      expectOneEvent(await deliver(receiver, d), {
        type: "transcription.failed",
        provider: "gladia",
        jobId: "gl-2",
        status: "failed",
        providerStatus: "transcription.error",
        idempotencyKey: "gladia:gl-2:transcription.error",
        metadata: { userId: "u-7" },
        error: { code: "422", message: "The audio file could not be decoded" },
        payload: body,
      });
    });
  }

  it("reads the older `error` spelling with `status_code` instead of `code`", async () => {
    const { receiver, callbackUrl } = setup();
    const d = signDelivery("gladia", {
      jobId: "gl-3",
      status: "error",
      callbackUrl,
      payload: { error: { status_code: 500, message: "Internal error", exception: "TimeoutError" } },
    });
    expectOneEvent(await deliver(receiver, d), {
      type: "transcription.failed",
      provider: "gladia",
      jobId: "gl-3",
      status: "failed",
      providerStatus: "error",
      idempotencyKey: "gladia:gl-3:error",
      metadata: { userId: "u-7" },
      error: { code: "500", message: "Internal error" },
      payload: JSON.parse(d.body),
    });
  });

  it("gives an error without code or message a generic message", async () => {
    const { receiver, callbackUrl } = setup();
    const d = signDelivery("gladia", {
      jobId: "gl-4",
      status: "failed",
      callbackUrl,
      payload: { error: {} },
    });
    expect((await deliver(receiver, d)).events[0]?.error).toEqual({
      message: "Gladia reported the transcription as failed",
    });
  });

  it("passes an event it does not know on as transcription.updated (other)", async () => {
    const { receiver, callbackUrl } = setup();
    const out = await deliver(
      receiver,
      signDelivery("gladia", { jobId: "gl-5", status: "transcription.created", callbackUrl }),
    );
    expect(out.events.map((e) => [e.type, e.status, e.providerStatus])).toEqual([
      ["transcription.updated", "other", "transcription.created"],
    ]);
  });

  it("accepts a 20 MB inline transcript, streamed, with the receiver's default limit", async () => {
    const { receiver, callbackUrl } = setup();
    const transcript = "word ".repeat(4 * 1024 * 1024); // 20 MiB of text
    const base = JSON.parse(signDelivery("gladia", { jobId: "gl-big" }).body).payload;
    const d = signDelivery("gladia", {
      jobId: "gl-big",
      callbackUrl,
      payload: {
        payload: { ...base, transcription: { ...base.transcription, full_transcript: transcript } },
      },
    });
    expect(d.body.length).toBeGreaterThan(20 * 1024 * 1024);
    const out = await deliver(receiver, d, { stream: true });
    expect(out.status).toBe(200);
    expect(out.events).toHaveLength(1);
    const event = out.events[0]!;
    expect(event.provider === "gladia" && event.payload.payload?.transcription?.full_transcript?.length).toBe(
      transcript.length,
    );
  });

  it("refuses a body over the limit (413 body_too_large)", async () => {
    const { receiver, callbackUrl } = setup({ maxBodyBytes: "1kb" });
    const d = signDelivery("gladia", {
      callbackUrl,
      payload: { custom_metadata: { note: "x".repeat(2048) } },
    });
    expectRefused(await deliver(receiver, d, { stream: true }), 413, "body_too_large");
  });

  describe("refuses", () => {
    it("a delivery without the URL token (401 token_missing)", async () => {
      const { receiver } = setup();
      expectRefused(await deliver(receiver, signDelivery("gladia")), 401, "token_missing");
    });

    it("a token made for another provider (401 token_wrong_provider)", async () => {
      const receiver = createReceiver({
        providers: { gladia: { urlToken: true }, threeplay: { urlToken: true } },
        urlTokenSecret: URL_SECRET,
      });
      const foreign = new URL(receiver.callbackUrl({ provider: "threeplay", baseUrl: BASE }));
      foreign.pathname = "/webhooks/gladia";
      const out = await deliver(receiver, signDelivery("gladia", { callbackUrl: foreign.toString() }));
      expectRefused(out, 401, "token_wrong_provider");
    });

    it("a body without the job id (400 job_id_missing)", async () => {
      const { receiver, callbackUrl } = setup();
      expectRefused(
        await deliver(receiver, signDelivery("gladia", { callbackUrl, payload: { id: null } })),
        400,
        "job_id_missing",
      );
    });

    it("a body that is not JSON (400)", async () => {
      const { receiver, callbackUrl } = setup();
      const form = {
        ...signDelivery("gladia", { callbackUrl }),
        body: "id=1",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      };
      expectRefused(await deliver(receiver, form), 415, "unsupported_media_type");
      const broken = { ...signDelivery("gladia", { callbackUrl }), body: '{"id":' };
      expectRefused(await deliver(receiver, broken), 400, "body_malformed");
    });

    it("a GET (405 with Allow: POST, PUT)", async () => {
      const { receiver, callbackUrl } = setup();
      const out = await deliver(receiver, { ...signDelivery("gladia", { callbackUrl }), method: "GET" });
      expectRefused(out, 405, "method_not_allowed");
      expect(out.headers.allow).toBe("POST, PUT");
    });
  });
});
