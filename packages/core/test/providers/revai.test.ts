import { describe, expect, it } from "vitest";
import { harness } from "./support";

const AUTH = { authorization: "Bearer rev-hook-token" };
const config = { providers: { revai: { headers: AUTH } } };
const job = (fields: Record<string, unknown>) =>
  JSON.stringify({ job: { id: "Umx5c6F7pH7r", created_on: "2026-01-01T00:00:00Z", ...fields } });
const headers = { "content-type": "application/json", ...AUTH };

describe("revai", () => {
  it("maps transcribed → completed with job.id", async () => {
    const h = harness(config);
    const res = await h.send({ url: "/webhooks/revai", headers, body: job({ status: "transcribed" }) });
    expect(res.status).toBe(200);
    expect(h.events[0]).toMatchObject({
      type: "transcription.completed",
      provider: "revai",
      jobId: "Umx5c6F7pH7r",
      status: "completed",
      providerStatus: "transcribed",
    });
  });

  it("maps failed → failed with failure and failure_detail", async () => {
    const h = harness(config);
    await h.send({
      url: "/webhooks/revai",
      headers,
      body: job({ status: "failed", failure: "download_failure", failure_detail: "404 on media_url" }),
    });
    expect(h.events[0]).toMatchObject({
      type: "transcription.failed",
      status: "failed",
      error: { code: "download_failure", message: "404 on media_url" },
    });
  });

  it("maps in_progress → processing (transcription.updated)", async () => {
    const h = harness(config);
    await h.send({ url: "/webhooks/revai", headers, body: job({ status: "in_progress" }) });
    expect(h.events[0]).toMatchObject({ type: "transcription.updated", status: "processing" });
  });

  it("maps completed (language identification, sentiment, topic extraction jobs) → completed", async () => {
    const h = harness(config);
    const body = job({ status: "completed", type: "language_id", completed_on: "2026-01-01T00:01:00Z" });
    await h.send({ url: "/webhooks/revai", headers, body });
    expect(h.events[0]).toMatchObject({
      type: "transcription.completed",
      status: "completed",
      providerStatus: "completed",
      jobId: "Umx5c6F7pH7r",
    });
  });

  it("refuses missing and wrong auth headers with 401", async () => {
    const h = harness(config);
    const missing = await h.send({
      url: "/webhooks/revai",
      headers: { "content-type": "application/json" },
      body: job({ status: "transcribed" }),
    });
    expect([missing.status, missing.json.error.code]).toEqual([401, "header_missing"]);
    const wrong = await h.send({
      url: "/webhooks/revai",
      headers: { ...headers, authorization: "Bearer guess" },
      body: job({ status: "transcribed" }),
    });
    expect([wrong.status, wrong.json.error.code]).toEqual([401, "header_mismatch"]);
    expect(h.events).toHaveLength(0);
  });

  it("answers 400 for a body without job.id and for a JSON array", async () => {
    const h = harness(config);
    const noJob = await h.send({ url: "/webhooks/revai", headers, body: JSON.stringify({ status: "x" }) });
    expect([noJob.status, noJob.json.error.code]).toEqual([400, "job_id_missing"]);
    const arr = await h.send({ url: "/webhooks/revai", headers, body: "[1,2]" });
    expect(arr.status).toBe(400);
  });
});
