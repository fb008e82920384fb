import { createServer, type Server } from "node:http";
import type { JobStatusFn } from "@scribehook/core";

/**
 * A fake of AssemblyAI's status API on 127.0.0.1: `GET /v2/transcript/<id>` with the API key in
 * `authorization` answers `{ id, status }` (`queued`, `processing`, `completed` or `error`, as
 * AssemblyAI documents at https://www.assemblyai.com/docs/api-reference/transcripts/get); a
 * wrong key gets 401, an unknown id 404.
 *
 * @example
 * ```ts
 * const api = await startFakeStatusApi("key-1");
 * api.jobs.set("tr_1", "completed");
 * await assemblyaiJobStatus({ provider: "assemblyai", jobId: "tr_1", apiKey: "key-1", apiBaseUrl: api.url });
 * ```
 */
export async function startFakeStatusApi(apiKey: string) {
  const jobs = new Map<string, string>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const id = /^\/v2\/transcript\/([^/?]+)$/.exec(req.url ?? "")?.[1];
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== apiKey) return reply(401, { error: "Authentication error" });
    const status = id === undefined ? undefined : jobs.get(decodeURIComponent(id));
    if (status === undefined) return reply(404, { error: "Transcript not found" });
    reply(200, { id, status, ...(status === "error" ? { error: "Audio file could not be decoded" } : {}) });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    jobs,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * A `JobStatusFn` for AssemblyAI's status API with plain `fetch`, for the watchdog tests: maps
 * `completed` → completed, `error` → failed, anything else → processing; rejects on a non-2xx answer.
 *
 * @example
 * ```ts
 * createReceiver({ providers, jobStatus: assemblyaiJobStatus });
 * ```
 */
export const assemblyaiJobStatus: JobStatusFn = async ({ jobId, apiKey, apiBaseUrl, signal }) => {
  const res = await fetch(
    `${apiBaseUrl ?? "https://api.assemblyai.com"}/v2/transcript/${encodeURIComponent(jobId)}`,
    {
      headers: { authorization: apiKey ?? "" },
      signal,
    },
  );
  if (!res.ok) throw new Error(`AssemblyAI answered ${res.status}`);
  const body = (await res.json()) as { status: string; error?: string };
  const status =
    body.status === "completed" ? "completed" : body.status === "error" ? "failed" : "processing";
  return { status, providerStatus: body.status, ...(body.error ? { error: { message: body.error } } : {}) };
};
