import { describe, expect, it } from "vitest";
import { harness } from "./support";

const setup = () =>
  harness({ providers: { verbit: { urlToken: true } }, urlTokenSecret: "verbit-url-secret" });
const form = { "content-type": "application/x-www-form-urlencoded" };
const signedPath = (h: ReturnType<typeof setup>) => {
  const u = new URL(h.receiver.callbackUrl({ provider: "verbit", baseUrl: "https://api.example.com" }));
  return u.pathname + u.search;
};

describe("verbit", () => {
  it("answers exactly OK (text/plain) to a Completed job, and again to its duplicate", async () => {
    const h = setup();
    const url = signedPath(h);
    const body = "job_id=V-1001&external_id=ext-7&status=Completed";
    const res = await h.send({ url, headers: form, body });
    expect(res.status).toBe(200);
    expect(res.body).toBe("OK");
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(h.events[0]).toMatchObject({
      type: "transcription.completed",
      provider: "verbit",
      jobId: "V-1001",
      providerStatus: "Completed",
    });
    const again = await h.send({ url, headers: form, body });
    expect([again.status, again.body]).toEqual([200, "OK"]);
    expect(h.events).toHaveLength(1);
  });

  it("maps Failure → failed", async () => {
    const h = setup();
    const res = await h.send({ url: signedPath(h), headers: form, body: "job_id=V-1002&status=Failure" });
    expect(res.body).toBe("OK");
    expect(h.events[0]).toMatchObject({ type: "transcription.failed", status: "failed", jobId: "V-1002" });
  });

  it("refuses a delivery without a valid URL token with 401 (not OK)", async () => {
    const h = setup();
    const res = await h.send({ url: "/webhooks/verbit", headers: form, body: "job_id=V-1&status=Completed" });
    expect(res.status).toBe(401);
    expect(res.body).not.toBe("OK");
    expect(h.events).toHaveLength(0);
  });

  it("answers 400 for a form without job_id", async () => {
    const h = setup();
    const res = await h.send({ url: signedPath(h), headers: form, body: "status=Completed" });
    expect([res.status, res.json.error.code]).toEqual([400, "job_id_missing"]);
  });
});
