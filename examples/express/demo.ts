import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import type { TranscriptionEvent } from "@scribehook/core";
import {
  type FakeProviderApi,
  fakeProviderApi,
  type SampleDelivery,
  signDelivery,
} from "@scribehook/testing";
import { createApp } from "./app";

// `pnpm demo`: starts this example on a free loopback port, sends it what each provider would send
// (plus a duplicate, a forgery, an expired callback URL and an oversized body), prints what happened
// to each, then reads each launch provider's transcript with event.transcript() — from local fakes of
// the providers' result APIs (fakeProviderApi) — and exits 0 only if every outcome is the expected one.

const secrets = {
  assemblyaiToken: "demo-assemblyai-token",
  instantTranscriberSecret: "demo-instanttranscriber-secret",
  scriptixToken: "demo-scriptix-token",
  callbackUrlSecret: "demo-callback-url-secret",
};
const events = new Map<string, TranscriptionEvent>();
const LAUNCH = ["assemblyai", "threeplay", "gladia", "instanttranscriber", "scriptix"] as const;
const fakes = Object.fromEntries(
  await Promise.all(LAUNCH.map(async (p) => [p, await fakeProviderApi(p)] as const)),
) as Record<(typeof LAUNCH)[number], FakeProviderApi>;
const apis = Object.fromEntries(
  LAUNCH.map((p) => [p, { apiKey: fakes[p].apiKey, apiBaseUrl: fakes[p].url }]),
);
const { app, hooks } = createApp(secrets, (event) => events.set(event.jobId, event), apis);
const server = app.listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const { port } = server.address() as AddressInfo;
const base = `http://127.0.0.1:${port}`;
const DAY = 86_400_000;

interface Case {
  name: string;
  provider: string;
  delivery: SampleDelivery;
  /** An event of this type for the delivery's job, or a refusal with this status and code. */
  expect: { event: TranscriptionEvent["type"] } | { status: number; code?: string; duplicate?: true };
  jobId?: string;
}

const aai = signDelivery("assemblyai", {
  jobId: "aai-5551",
  status: "completed",
  headers: { "x-webhook-token": secrets.assemblyaiToken },
});
const cases: Case[] = [
  {
    name: "completed",
    provider: "assemblyai",
    delivery: aai,
    jobId: "aai-5551",
    expect: { event: "transcription.completed" },
  },
  {
    name: "completed (form-encoded)",
    provider: "threeplay",
    jobId: "3p-8812",
    delivery: signDelivery("threeplay", {
      jobId: "3p-8812",
      status: "completed",
      callbackUrl: hooks.callbackUrl({ provider: "threeplay", baseUrl: base, metadata: { orderId: "42" } }),
    }),
    expect: { event: "transcription.completed" },
  },
  {
    name: "error (PUT)",
    provider: "gladia",
    jobId: "gl-1207",
    delivery: signDelivery("gladia", {
      jobId: "gl-1207",
      status: "failed",
      method: "PUT",
      callbackUrl: hooks.callbackUrl({ provider: "gladia", baseUrl: base }),
    }),
    expect: { event: "transcription.failed" },
  },
  {
    name: "completed (HMAC)",
    provider: "instanttranscriber",
    jobId: "it-3090",
    delivery: signDelivery("instanttranscriber", {
      jobId: "it-3090",
      status: "completed",
      secret: secrets.instantTranscriberSecret,
    }),
    expect: { event: "transcription.completed" },
  },
  {
    name: "completed",
    provider: "scriptix",
    jobId: "sx-7731",
    delivery: signDelivery("scriptix", {
      jobId: "sx-7731",
      headers: { authorization: `Bearer ${secrets.scriptixToken}` },
    }),
    expect: { event: "transcription.completed" },
  },
  {
    name: "duplicate of the first",
    provider: "assemblyai",
    delivery: aai,
    expect: { status: 200, duplicate: true },
  },
  {
    name: "forged signature",
    provider: "instanttranscriber",
    delivery: signDelivery("instanttranscriber", {
      jobId: "it-forged",
      status: "completed",
      secret: "not-the-secret",
    }),
    expect: { status: 401, code: "signature_mismatch" },
  },
  {
    name: "expired callback URL",
    provider: "threeplay",
    delivery: signDelivery("threeplay", {
      jobId: "3p-late",
      status: "completed",
      callbackUrl: hooks.callbackUrl({
        provider: "threeplay",
        baseUrl: base,
        expiresIn: "14d",
        now: Date.now() - 15 * DAY,
      }),
    }),
    expect: { status: 401, code: "token_expired" },
  },
];

interface Outcome {
  status: number;
  body: string;
}

function send(
  d: { method: string; path: string; headers: Record<string, string>; body: string },
  declaredLength?: number,
) {
  return new Promise<Outcome>((resolve, reject) => {
    const req = httpRequest(`${base}${d.path}`, { method: d.method, headers: d.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => {
        body += c;
      });
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on("error", reject);
    if (declaredLength === undefined) req.end(d.body);
    else req.write(d.body); // an oversized body: declare it, send a little, the answer comes first
  });
}

const rows: string[][] = [];
let failures = 0;
const record = (c: { name: string; provider: string }, status: number, outcome: string, ok: boolean) => {
  if (!ok) failures++;
  rows.push([c.provider, c.name, String(status), outcome, ok ? "ok" : "UNEXPECTED"]);
};

for (const c of cases) {
  const before = events.size;
  const res = await send(c.delivery);
  const event = c.jobId ? events.get(c.jobId) : undefined;
  if ("event" in c.expect) {
    const ok = res.status === 200 && event?.type === c.expect.event && events.size === before + 1;
    record(
      c,
      res.status,
      event ? `${event.type} ${event.jobId} (${event.providerStatus})` : errorCode(res),
      ok,
    );
  } else {
    const code = errorCode(res);
    const dup = res.body.includes('"duplicate":true');
    const ok =
      res.status === c.expect.status &&
      events.size === before &&
      (c.expect.code ? code === c.expect.code : true) &&
      (c.expect.duplicate ? dup : true);
    record(c, res.status, dup ? "duplicate, handlers not called" : `refused: ${code}`, ok);
  }
}

const big = 26 * 1024 * 1024;
const gladiaUrl = new URL(hooks.callbackUrl({ provider: "gladia", baseUrl: base }));
const oversized = await send(
  {
    method: "POST",
    path: gladiaUrl.pathname + gladiaUrl.search,
    headers: { "content-type": "application/json", "content-length": String(big) },
    body: "{".padEnd(64 * 1024, " "),
  },
  big,
);
record(
  { provider: "gladia", name: "26 MB body (limit 25 MB)" },
  oversized.status,
  `refused: ${errorCode(oversized)}`,
  oversized.status === 413,
);

printTable(["provider", "case", "HTTP", "what happened", "check"], rows);

// Gladia's result comes inline in its success callback: one more delivery, carrying it.
const gladiaResult = (fakes.gladia.sample("gl-2001") as { result: Record<string, unknown> }).result;
await send(
  signDelivery("gladia", {
    jobId: "gl-2001",
    payload: { payload: gladiaResult },
    callbackUrl: hooks.callbackUrl({ provider: "gladia", baseUrl: base }),
  }),
);
const transcripts: string[][] = [];
for (const [provider, jobId] of [
  ["assemblyai", "aai-5551"],
  ["threeplay", "3p-8812"],
  ["gladia", "gl-2001"],
  ["instanttranscriber", "it-3090"],
  ["scriptix", "sx-7731"],
] as const) {
  const before = fakes[provider].requests.length;
  try {
    const t = await events.get(jobId)!.transcript();
    const asked = fakes[provider].requests.length - before;
    const words = t.text.split(/\s+/);
    transcripts.push([
      provider,
      asked === 0 ? "inline" : `API, ${asked} request${asked === 1 ? "" : "s"}`,
      `${t.segments.length}`,
      `"${words.slice(0, 4).join(" ")}${words.length > 4 ? " …" : ""}"`,
    ]);
  } catch (err) {
    failures++;
    transcripts.push([provider, "FAILED", "-", String(err)]);
  }
}
console.log("\nevent.transcript() per launch provider (result APIs faked on 127.0.0.1):\n");
printTable(["provider", "result from", "segments", "first words"], transcripts);
console.log(failures === 0 ? "\nevery outcome is the expected one" : `\n${failures} unexpected outcome(s)`);
server.close();
await Promise.all(Object.values(fakes).map((f) => f.close()));
process.exit(failures === 0 ? 0 : 1);

function errorCode(res: Outcome): string {
  try {
    return JSON.parse(res.body).error?.code ?? res.body;
  } catch {
    return res.body;
  }
}

function printTable(head: string[], body: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i]!)).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of body) console.log(line(r));
}
