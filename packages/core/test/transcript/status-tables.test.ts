import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fetchJobStatus } from "@scribehook/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Every row of every status table of the result clients, through `fetchJobStatus()` over real HTTP
// on 127.0.0.1, plus a status no table lists and a missing status. The values are the ones each
// client's comment cites from the provider's public docs; what a provider does with a status it
// does not document (the "unlisted" rows) is our reading, not the docs'.

type Row = [providerStatus: string | undefined, expected: string];
interface Provider {
  provider: string;
  jobId: string;
  /** The status route's path for `jobId`. */
  path: string;
  /** The status route's body carrying `status` where the provider puts it. */
  body: (status: string | undefined) => unknown;
  rows: Row[];
}

const PROVIDERS: Provider[] = [
  {
    provider: "azure",
    jobId: "az-1",
    path: "/speechtotext/transcriptions/az-1",
    body: (status) => ({ status }),
    rows: [
      ["Succeeded", "completed"],
      ["Failed", "failed"],
      ["Running", "processing"],
      ["NotStarted", "processing"],
      ["succeeded", "other"], // the documented values are PascalCase; case is not folded
      ["Paused", "other"],
      [undefined, "other"],
    ],
  },
  {
    provider: "ibm",
    jobId: "ibm-1",
    path: "/v1/recognitions/ibm-1",
    body: (status) => ({ id: "ibm-1", status }),
    rows: [
      ["completed", "completed"],
      ["failed", "failed"],
      ["waiting", "processing"],
      ["processing", "processing"],
      ["archived", "other"],
      [undefined, "other"],
    ],
  },
  {
    provider: "instanttranscriber",
    jobId: "it-1",
    path: "/v1/transcriptions/it-1",
    body: (status) => ({ id: "it-1", status }),
    rows: [
      ["completed", "completed"],
      ["failed", "failed"],
      ["processing", "processing"],
      ["queued", "processing"],
      ["archived", "other"],
      [undefined, "other"],
    ],
  },
  {
    provider: "revai",
    jobId: "rev-1",
    path: "/speechtotext/v1/jobs/rev-1",
    body: (status) => ({ id: "rev-1", status }),
    rows: [
      ["transcribed", "completed"],
      ["failed", "failed"],
      ["in_progress", "processing"],
      ["queued", "other"],
      [undefined, "other"],
    ],
  },
  {
    provider: "revcom",
    jobId: "TC0001",
    path: "/api/v1/orders/TC0001",
    body: (status) => ({ order_number: "TC0001", status }),
    rows: [
      ["Complete", "completed"],
      ["completed", "completed"],
      ["Cancelled", "failed"],
      ["canceled", "failed"],
      // Any other non-empty status of an order is still in progress.
      ["Transcribing", "processing"],
      ["In Progress", "processing"],
      [undefined, "other"],
    ],
  },
  {
    provider: "scriptix",
    jobId: "sx-1",
    path: "/api/v3/speech-to-text/session/sx-1/result",
    body: (status) => ({ result: { status } }),
    rows: [
      ["done", "completed"],
      ["error", "failed"],
      ["failed", "failed"],
      // Any other non-empty status is still running.
      ["queued", "processing"],
      [undefined, "other"],
    ],
  },
  {
    provider: "speechmatics",
    jobId: "sm-1",
    path: "/v2/jobs/sm-1",
    body: (status) => ({ job: { id: "sm-1", status } }),
    rows: [
      ["done", "completed"],
      ["rejected", "failed"],
      ["running", "processing"],
      ["deleted", "other"],
      [undefined, "other"],
    ],
  },
  {
    provider: "threeplay",
    jobId: "3p-1",
    path: "/v3/transcripts/3p-1",
    body: (status) => ({ code: 200, data: { id: "3p-1", status } }),
    rows: [
      ["complete", "completed"],
      ["cancelled", "failed"],
      ["in_progress", "processing"],
      ["authorizing", "other"],
      [undefined, "other"],
    ],
  },
];

let server: Server;
let baseUrl: string;
/** What the fake API answers next, keyed by path. */
const replies = new Map<string, unknown>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = replies.get(new URL(req.url ?? "/", "http://x").pathname);
    if (body === undefined) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe.each(PROVIDERS)("$provider status table", (p) => {
  it.each(p.rows)("status %j → %s", async (providerStatus, expected) => {
    replies.set(p.path, p.body(providerStatus));
    const result = await fetchJobStatus({
      provider: p.provider,
      jobId: p.jobId,
      apiKey: "sk_status_tables_1234",
      apiBaseUrl: baseUrl,
      attempts: 1,
    });
    expect({ status: result.status, providerStatus: result.providerStatus }).toEqual({
      status: expected,
      providerStatus: providerStatus ?? "",
    });
  });
});

it("Scriptix: an `error` in the result makes any status but done failed, with the message", async () => {
  const path = "/api/v3/speech-to-text/session/sx-2/result";
  const get = () =>
    fetchJobStatus({ provider: "scriptix", jobId: "sx-2", apiKey: "k", apiBaseUrl: baseUrl, attempts: 1 });
  replies.set(path, { result: { error: "Unsupported media" } });
  expect(await get()).toMatchObject({ status: "failed", error: { message: "Unsupported media" } });
  replies.set(path, { result: { status: "done", error: "late warning" } });
  expect(await get()).toMatchObject({ status: "completed", error: { message: "late warning" } });
  replies.set(path, { result: { status: "done" } });
  expect((await get()).error).toBeUndefined();
});
