import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fetchJobStatus, type JobStatus, type JobStatusFn, pollJob } from "@scribehook/core";
import { afterEach, describe, expect, it } from "vitest";

// The watchdog's poll step: which status answers become events, and which leave the job overdue.

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const answering = (result: JobStatus) => {
  const calls: Record<string, unknown>[] = [];
  const jobStatus = async (options: Record<string, unknown>) => {
    calls.push(options);
    return result;
  };
  return { calls, jobStatus: jobStatus as JobStatusFn };
};

describe("pollJob", () => {
  it("without an API key asks nothing and leaves the job overdue", async () => {
    const { calls, jobStatus } = answering({ status: "completed", providerStatus: "completed" });
    expect(await pollJob({ provider: "assemblyai", jobId: "j", jobStatus })).toBeUndefined();
    expect(calls).toHaveLength(0);
  });

  it("a status API that throws (unreachable, unsupported) leaves the job overdue, no crash", async () => {
    const jobStatus = async () => {
      throw new Error("ECONNREFUSED");
    };
    expect(await pollJob({ provider: "assemblyai", jobId: "j", apiKey: "k", jobStatus })).toBeUndefined();
  });

  it.each(["processing", "other"] as const)("a job still %s is no event", async (status) => {
    const { jobStatus } = answering({ status, providerStatus: "queued" });
    expect(await pollJob({ provider: "assemblyai", jobId: "j", apiKey: "k", jobStatus })).toBeUndefined();
  });

  it("passes apiBaseUrl and the signal on; a failed job becomes a failed 'poll' event with the error", async () => {
    const { calls, jobStatus } = answering({
      status: "failed",
      providerStatus: "error",
      error: { message: "Download error" },
    });
    const signal = new AbortController().signal;
    const event = await pollJob({
      provider: "assemblyai",
      jobId: "j-9",
      apiKey: "k",
      apiBaseUrl: "https://api.eu.assemblyai.com",
      signal,
      jobStatus,
    });
    expect(calls[0]).toMatchObject({ apiBaseUrl: "https://api.eu.assemblyai.com", signal });
    expect(event).toMatchObject({
      type: "transcription.failed",
      status: "failed",
      source: "poll",
      jobId: "j-9",
      error: { message: "Download error" },
      idempotencyKey: "assemblyai:j-9:failed",
      payload: {},
    });
  });

  it("a cancelled job is a failed event keyed like any failure (a late callback is a duplicate)", async () => {
    const { jobStatus } = answering({ status: "cancelled", providerStatus: "cancelled" });
    const event = await pollJob({ provider: "threeplay", jobId: "7", apiKey: "k", jobStatus });
    expect(event).toMatchObject({ type: "transcription.failed", idempotencyKey: "threeplay:7:failed" });
    expect(event!.error).toBeUndefined();
  });

  it("with fetchJobStatus over HTTP: an AssemblyAI `error` transcript (docs shape) becomes a failed event", async () => {
    server = createServer((_req, res) => {
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ id: "aai-7", status: "error", error: "Audio duration is too short" }));
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const event = await pollJob({
      provider: "assemblyai",
      jobId: "aai-7",
      apiKey: "k",
      apiBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      jobStatus: fetchJobStatus,
    });
    expect(event).toMatchObject({
      type: "transcription.failed",
      providerStatus: "error",
      error: { message: "Audio duration is too short" },
    });
  });
});
