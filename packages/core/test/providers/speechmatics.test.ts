import { describe, expect, it } from "vitest";
import { harness } from "./support";

const AUTH = { authorization: "Bearer sm-hook-token" };
const setup = () => harness({ providers: { speechmatics: { headers: AUTH } } });
const transcript = {
  format: "2.9",
  job: { id: "j1" },
  results: [{ type: "word", alternatives: [{ content: "hi" }] }],
};

function multipart(
  boundary: string,
  parts: { name: string; filename?: string; type?: string; body: string }[],
) {
  const chunks = parts.map(
    (p) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ""}\r\n` +
      `${p.type ? `Content-Type: ${p.type}\r\n` : ""}\r\n${p.body}\r\n`,
  );
  return `${chunks.join("")}--${boundary}--\r\n`;
}

describe("speechmatics", () => {
  it("takes id and status from the query string with an empty body", async () => {
    const h = setup();
    const res = await h.send({ url: "/webhooks/speechmatics?id=job-empty&status=success", headers: AUTH });
    expect(res.status).toBe(200);
    expect(h.events[0]).toMatchObject({
      type: "transcription.completed",
      provider: "speechmatics",
      jobId: "job-empty",
      providerStatus: "success",
      payload: { id: "job-empty", status: "success", body: "empty" },
    });
  });

  it("reads a single JSON transcript body", async () => {
    const h = setup();
    await h.send({
      url: "/webhooks/speechmatics?id=job-json&status=success",
      headers: { ...AUTH, "content-type": "application/json" },
      body: JSON.stringify(transcript),
    });
    const e = h.events[0]!;
    expect(e.jobId).toBe("job-json");
    if (e.provider !== "speechmatics") throw new Error("narrowing");
    expect(e.payload.body).toBe("json");
    expect(e.payload.json).toEqual(transcript);
  });

  it("reads a text body (transcript.txt) and a subtitle body", async () => {
    const h = setup();
    await h.send({
      url: "/webhooks/speechmatics?id=job-txt&status=success",
      headers: { ...AUTH, "content-type": "text/plain; charset=utf-8" },
      body: "hello world",
    });
    await h.send({
      url: "/webhooks/speechmatics?id=job-srt&status=success",
      headers: { ...AUTH, "content-type": "application/x-subrip" },
      body: "1\n00:00:00,000 --> 00:00:01,000\nhello\n",
    });
    expect(
      h.events.map((e) => (e.provider === "speechmatics" ? [e.payload.body, e.payload.text] : [])),
    ).toEqual([
      ["text", "hello world"],
      ["text", "1\n00:00:00,000 --> 00:00:01,000\nhello\n"],
    ]);
  });

  it("reads a multipart body into named attachments (JSON parsed, text kept, media as bytes)", async () => {
    const h = setup();
    const boundary = "----sm7MA4YWxkTrZu0gW";
    const body = multipart(boundary, [
      { name: "transcript", filename: "j.json", type: "application/json", body: JSON.stringify(transcript) },
      { name: "transcript.txt", filename: "j.txt", type: "text/plain", body: "hi there" },
      { name: "data", filename: "a.wav", type: "application/octet-stream", body: "RIFF\u0000\u0001" },
    ]);
    const res = await h.send({
      url: "/webhooks/speechmatics?id=job-mp&status=success",
      headers: { ...AUTH, "content-type": `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(res.status).toBe(200);
    const e = h.events[0]!;
    if (e.provider !== "speechmatics") throw new Error("narrowing");
    expect(e.payload.body).toBe("multipart");
    const [a, b, c] = e.payload.attachments!;
    expect(a).toMatchObject({ name: "transcript", filename: "j.json", json: transcript });
    expect(b).toMatchObject({ name: "transcript.txt", text: "hi there" });
    expect([...(c?.bytes ?? [])]).toEqual([0x52, 0x49, 0x46, 0x46, 0x00, 0x01]); // "RIFF\0\1"
    expect(c?.json).toBeUndefined();
  });

  it("accepts the default data_file attachment without a part Content-Type", async () => {
    const h = setup();
    const body = multipart("b0und", [
      { name: "data_file", filename: "transcript.json", body: JSON.stringify(transcript) },
    ]);
    await h.send({
      url: "/webhooks/speechmatics?id=job-df&status=success",
      headers: { ...AUTH, "content-type": 'multipart/form-data; boundary="b0und"' },
      body,
    });
    const e = h.events[0]!;
    if (e.provider !== "speechmatics") throw new Error("narrowing");
    expect(e.payload.attachments?.[0]?.json).toEqual(transcript);
  });

  it("accepts PUT", async () => {
    const h = setup();
    const res = await h.send({
      method: "PUT",
      url: "/webhooks/speechmatics?id=job-put&status=success",
      headers: AUTH,
    });
    expect(res.status).toBe(200);
    expect(h.events[0]?.jobId).toBe("job-put");
  });

  it.each(["error", "fetch_error", "trim_error"])(
    "maps %s → failed with the status as error code",
    async (status) => {
      const h = setup();
      await h.send({ url: `/webhooks/speechmatics?id=job-f&status=${status}`, headers: AUTH });
      expect(h.events[0]).toMatchObject({
        type: "transcription.failed",
        status: "failed",
        providerStatus: status,
        error: { code: status },
      });
    },
  );

  it("refuses missing and wrong auth headers with 401, before reading the body", async () => {
    const h = setup();
    const missing = await h.send({ url: "/webhooks/speechmatics?id=j&status=success" });
    const wrong = await h.send({
      url: "/webhooks/speechmatics?id=j&status=success",
      headers: { authorization: "Bearer nope" },
    });
    expect([missing.status, missing.json.error.code]).toEqual([401, "header_missing"]);
    expect([wrong.status, wrong.json.error.code]).toEqual([401, "header_mismatch"]);
    expect(h.events).toHaveLength(0);
  });

  it("answers 400 for a missing id, a multipart body without boundary, and a broken multipart body", async () => {
    const h = setup();
    const noId = await h.send({ url: "/webhooks/speechmatics?status=success", headers: AUTH });
    expect([noId.status, noId.json.error.code]).toEqual([400, "job_id_missing"]);
    const noBoundary = await h.send({
      url: "/webhooks/speechmatics?id=j&status=success",
      headers: { ...AUTH, "content-type": "multipart/form-data" },
      body: "--x\r\n",
    });
    expect([noBoundary.status, noBoundary.json.error.code]).toEqual([400, "body_malformed"]);
    const broken = await h.send({
      url: "/webhooks/speechmatics?id=j&status=success",
      headers: { ...AUTH, "content-type": "multipart/form-data; boundary=x" },
      body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
    });
    expect([broken.status, broken.json.error.code]).toEqual([400, "body_malformed"]);
    expect(h.events).toHaveLength(0);
  });
});
