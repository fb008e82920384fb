import { describe, expect, it } from "vitest";
import { harness } from "./support";

const config = { providers: { soniox: { headers: { "x-soniox-hook": "s3cret-value" } } } };
const headers = { "content-type": "application/json", "x-soniox-hook": "s3cret-value" };

describe("soniox", () => {
  it("maps completed → completed and error → failed, with id as jobId", async () => {
    const h = harness(config);
    const a = await h.send({
      url: "/webhooks/soniox",
      headers,
      body: JSON.stringify({ id: "tr-1", status: "completed" }),
    });
    const b = await h.send({
      url: "/webhooks/soniox",
      headers,
      body: JSON.stringify({ id: "tr-2", status: "error" }),
    });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(h.events[0]).toMatchObject({
      type: "transcription.completed",
      provider: "soniox",
      jobId: "tr-1",
      providerStatus: "completed",
    });
    expect(h.events[1]).toMatchObject({ type: "transcription.failed", jobId: "tr-2", status: "failed" });
    expect(h.events[1]?.error?.message).toMatch(/failed/);
  });

  it("de-duplicates a retried delivery", async () => {
    const h = harness(config);
    const body = JSON.stringify({ id: "tr-3", status: "completed" });
    await h.send({ url: "/webhooks/soniox", headers, body });
    const again = await h.send({ url: "/webhooks/soniox", headers, body });
    expect(again.json).toEqual({ ok: true, duplicate: true });
    expect(h.events).toHaveLength(1);
  });

  it("refuses a missing or wrong header with 401", async () => {
    const h = harness(config);
    const body = JSON.stringify({ id: "tr-4", status: "completed" });
    const missing = await h.send({
      url: "/webhooks/soniox",
      headers: { "content-type": "application/json" },
      body,
    });
    const wrong = await h.send({
      url: "/webhooks/soniox",
      headers: { ...headers, "x-soniox-hook": "nope" },
      body,
    });
    expect([missing.status, missing.json.error.code]).toEqual([401, "header_missing"]);
    expect([wrong.status, wrong.json.error.code]).toEqual([401, "header_mismatch"]);
    expect(h.events).toHaveLength(0);
  });
});
