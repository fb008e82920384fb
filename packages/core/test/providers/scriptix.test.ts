import { createReceiver } from "@scribehook/core";
import { signDelivery } from "@scribehook/testing";
import { describe, expect, it } from "vitest";
import { deliver, expectOneEvent, expectRefused } from "./deliver";

const TOKEN = "Bearer scriptix-api-key";
const AUTH = { authorization: TOKEN };
const setup = () => createReceiver({ providers: { scriptix: { headers: { Authorization: TOKEN } } } });

describe("scriptix", () => {
  it("turns a callback into transcription.completed keyed on the session id", async () => {
    const d = signDelivery("scriptix", { jobId: "sx-1", headers: AUTH });
    expect(d.headers).toMatchObject({ "x-scriptix-session": "sx-1", "x-zoom-session": "sx-1" });
    expectOneEvent(await deliver(setup(), d), {
      type: "transcription.completed",
      provider: "scriptix",
      jobId: "sx-1",
      status: "completed",
      providerStatus: "completed",
      idempotencyKey: "scriptix:sx-1:completed",
      metadata: {},
      payload: { sessionId: "sx-1", zoom_id: "sx-1" },
    });
  });

  it("has no failure delivery: Scriptix only calls back for successful jobs", () => {
    expect(() => signDelivery("scriptix", { status: "failed" })).toThrow(/only for successful jobs/);
  });

  it("accepts a callback without the session headers when the body has the id", async () => {
    const d = signDelivery("scriptix", { jobId: "sx-2", headers: AUTH });
    const { "x-scriptix-session": _, "x-zoom-session": __, ...headers } = d.headers;
    const out = await deliver(setup(), { ...d, headers });
    expect(out.status).toBe(200);
    expect(out.events.map((e) => e.jobId)).toEqual(["sx-2"]);
  });

  it("takes the id from the deprecated zoom_id when sessionId is absent", async () => {
    const d = signDelivery("scriptix", { jobId: "sx-3", headers: AUTH, payload: { sessionId: undefined } });
    expect(JSON.parse(d.body)).toEqual({ zoom_id: "sx-3" });
    expect((await deliver(setup(), d)).events.map((e) => e.jobId)).toEqual(["sx-3"]);
  });

  describe("refuses", () => {
    it("a callback without the configured header (401 header_missing)", async () => {
      expectRefused(await deliver(setup(), signDelivery("scriptix")), 401, "header_missing");
    });

    it("a wrong header value (401 header_mismatch), without echoing the expected value", async () => {
      const out = await deliver(
        setup(),
        signDelivery("scriptix", { headers: { authorization: "Bearer guess" } }),
      );
      expectRefused(out, 401, "header_mismatch");
      expect(JSON.stringify(out.body)).not.toContain("scriptix-api-key");
    });

    it("an X-Scriptix-Session header that names another session (400 body_malformed)", async () => {
      const d = signDelivery("scriptix", {
        jobId: "sx-4",
        headers: { ...AUTH, "X-Scriptix-Session": "sx-other" },
      });
      const out = await deliver(setup(), d);
      expectRefused(out, 400, "body_malformed");
      expect(out.body.error?.message).toBe(
        'The X-Scriptix-Session header ("sx-other") does not match the body\'s sessionId ("sx-4")',
      );
    });

    it("a deprecated X-Zoom-Session header that names another session (400 body_malformed)", async () => {
      const d = signDelivery("scriptix", {
        jobId: "sx-5",
        headers: { ...AUTH, "x-zoom-session": "sx-other" },
      });
      const out = await deliver(setup(), d);
      expectRefused(out, 400, "body_malformed");
      expect(out.body.error?.message).toContain("X-Zoom-Session");
    });

    it("a body whose sessionId and zoom_id differ (400 body_malformed)", async () => {
      const d = signDelivery("scriptix", { jobId: "sx-6", headers: AUTH, payload: { zoom_id: "sx-7" } });
      expectRefused(await deliver(setup(), d), 400, "body_malformed");
    });

    it("a body without any session id (400 job_id_missing), even with the header", async () => {
      const d = signDelivery("scriptix", {
        jobId: "sx-8",
        headers: AUTH,
        payload: { sessionId: "", zoom_id: null },
      });
      expectRefused(await deliver(setup(), d), 400, "job_id_missing");
    });

    it("a form-encoded body (415 unsupported_media_type)", async () => {
      const d = signDelivery("scriptix", { jobId: "sx-9", headers: AUTH });
      const form = {
        ...d,
        body: "sessionId=sx-9",
        headers: { ...d.headers, "content-type": "application/x-www-form-urlencoded" },
      };
      expectRefused(await deliver(setup(), form), 415, "unsupported_media_type");
    });
  });
});
