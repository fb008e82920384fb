import { createReceiver } from "@scribehook/core";
import { signDelivery } from "@scribehook/testing";
import { describe, expect, it } from "vitest";
import { deliver, expectOneEvent, expectRefused } from "./deliver";

const TOKEN = "aai-webhook-token";
const AUTH = { "x-webhook-token": TOKEN };
const URL_SECRET = "aai-url-secret";
const US = "44.238.19.20";
const EU = "54.220.25.36";

const setup = (extra: { allowIps?: "documented" | string[] } = {}) =>
  createReceiver({
    providers: { assemblyai: { headers: { "X-Webhook-Token": TOKEN }, ...extra } },
    urlTokenSecret: URL_SECRET,
  });

describe("assemblyai", () => {
  it("turns `completed` into transcription.completed", async () => {
    const d = signDelivery("assemblyai", { jobId: "aai-1", headers: AUTH });
    expectOneEvent(await deliver(setup(), d), {
      type: "transcription.completed",
      provider: "assemblyai",
      jobId: "aai-1",
      status: "completed",
      providerStatus: "completed",
      idempotencyKey: "assemblyai:aai-1:completed",
      metadata: {},
      payload: { transcript_id: "aai-1", status: "completed" },
    });
  });

  it("turns `error` into transcription.failed", async () => {
    const d = signDelivery("assemblyai", { jobId: "aai-2", status: "failed", headers: AUTH });
    expectOneEvent(await deliver(setup(), d), {
      type: "transcription.failed",
      provider: "assemblyai",
      jobId: "aai-2",
      status: "failed",
      providerStatus: "error",
      idempotencyKey: "assemblyai:aai-2:error",
      metadata: {},
      error: { message: "AssemblyAI reported the transcript as failed; fetch it for the error" },
      payload: { transcript_id: "aai-2", status: "error" },
    });
  });

  describe("redacted_audio_ready (no transcript id in the body)", () => {
    it("takes the job id from the signed callback URL's metadata", async () => {
      const receiver = setup();
      const callbackUrl = receiver.callbackUrl({
        provider: "assemblyai",
        baseUrl: "https://api.example.com",
        metadata: { jobId: "aai-3", userId: "u-1" },
      });
      const d = signDelivery("assemblyai", { status: "redacted_audio_ready", callbackUrl, headers: AUTH });
      const body = JSON.parse(d.body);
      expect(body).not.toHaveProperty("transcript_id");
      expect(body.redacted_audio_url).toMatch(/^https:\/\//);
      expectOneEvent(await deliver(receiver, d), {
        type: "transcription.updated",
        provider: "assemblyai",
        jobId: "aai-3",
        status: "other",
        providerStatus: "redacted_audio_ready",
        idempotencyKey: "assemblyai:aai-3:redacted_audio_ready",
        metadata: { jobId: "aai-3", userId: "u-1" },
        payload: body,
      });
    });

    it("is delivered besides the completed call of the same transcript (its own idempotency key)", async () => {
      const receiver = setup();
      const callbackUrl = receiver.callbackUrl({
        provider: "assemblyai",
        baseUrl: "https://api.example.com",
        metadata: { transcript_id: "aai-4" },
      });
      const done = await deliver(
        receiver,
        signDelivery("assemblyai", { jobId: "aai-4", callbackUrl, headers: AUTH }),
      );
      const redacted = await deliver(
        receiver,
        signDelivery("assemblyai", { status: "redacted_audio_ready", callbackUrl, headers: AUTH }),
      );
      expect([...done.events, ...redacted.events].map((e) => [e.jobId, e.providerStatus])).toEqual([
        ["aai-4", "completed"],
        ["aai-4", "redacted_audio_ready"],
      ]);
    });

    it("takes a transcript_id query parameter when the URL is not signed (header authentication)", async () => {
      const d = signDelivery("assemblyai", { status: "redacted_audio_ready", jobId: "aai-5", headers: AUTH });
      expect(d.path).toBe("/webhooks/assemblyai?transcript_id=aai-5");
      expect((await deliver(setup(), d)).events.map((e) => e.jobId)).toEqual(["aai-5"]);
    });

    it("never trusts a query parameter added to a signed URL", async () => {
      const receiver = setup();
      const signed = new URL(
        receiver.callbackUrl({ provider: "assemblyai", baseUrl: "https://api.example.com" }),
      );
      signed.searchParams.set("transcript_id", "aai-forged");
      const d = signDelivery("assemblyai", {
        status: "redacted_audio_ready",
        callbackUrl: signed.toString(),
        headers: AUTH,
      });
      expectRefused(await deliver(receiver, d), 400, "job_id_missing");
    });

    it("refuses it without any id (400 job_id_missing)", async () => {
      const d = signDelivery("assemblyai", {
        status: "redacted_audio_ready",
        callbackUrl: "/webhooks/assemblyai",
        headers: AUTH,
      });
      expectRefused(await deliver(setup(), d), 400, "job_id_missing");
    });
  });

  describe('allowIps: "documented"', () => {
    for (const ip of [US, EU, `::ffff:${US}`]) {
      it(`accepts AssemblyAI's published address ${ip}`, async () => {
        const out = await deliver(
          setup({ allowIps: "documented" }),
          signDelivery("assemblyai", { headers: AUTH }),
          {
            ip,
          },
        );
        expect(out.status).toBe(200);
        expect(out.events).toHaveLength(1);
      });
    }

    it("refuses any other address (403 ip_not_allowed), even with the right header", async () => {
      const out = await deliver(
        setup({ allowIps: "documented" }),
        signDelivery("assemblyai", { headers: AUTH }),
        {
          ip: "44.238.19.21",
        },
      );
      expectRefused(out, 403, "ip_not_allowed");
    });

    it("still requires the header from a published address (401 header_missing)", async () => {
      const out = await deliver(setup({ allowIps: "documented" }), signDelivery("assemblyai"), { ip: US });
      expectRefused(out, 401, "header_missing");
    });
  });

  describe("refuses", () => {
    it("a delivery without the auth header (401 header_missing)", async () => {
      expectRefused(await deliver(setup(), signDelivery("assemblyai")), 401, "header_missing");
    });

    it("a wrong auth header (401 header_mismatch)", async () => {
      const out = await deliver(
        setup(),
        signDelivery("assemblyai", { headers: { "x-webhook-token": "nope" } }),
      );
      expectRefused(out, 401, "header_mismatch");
      expect(JSON.stringify(out.body)).not.toContain(TOKEN);
    });

    it("a body without transcript_id (400 job_id_missing)", async () => {
      const d = signDelivery("assemblyai", { headers: AUTH, payload: { transcript_id: undefined } });
      expectRefused(await deliver(setup(), d), 400, "job_id_missing");
    });

    it("a JSON null body (400 body_malformed) rather than crashing", async () => {
      const d = { ...signDelivery("assemblyai", { headers: AUTH }), body: "null" };
      expectRefused(await deliver(setup(), d), 400, "body_malformed");
    });

    it("a text/plain body (415 unsupported_media_type)", async () => {
      const d = signDelivery("assemblyai", { headers: { ...AUTH, "content-type": "text/plain" } });
      expectRefused(await deliver(setup(), d), 415, "unsupported_media_type");
    });
  });
});
