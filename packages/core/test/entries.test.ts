import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createReceiver as createSlimReceiver } from "../src/fetch";
import {
  builtinProviders,
  createReceiver,
  defineProvider,
  type RejectedDelivery,
  signCallbackUrl,
  type TranscriptionEvent,
} from "../src/index";
import { assemblyai } from "../src/providers/assemblyai";
import { gladia } from "../src/providers/gladia";
import { BUILTIN_PROVIDER_IDS } from "../src/providers/ids";

const TOKEN = "entries-token-7f3a";
const aai = { assemblyai: { headers: { "x-webhook-token": TOKEN } } };

const delivery = (jobId: string) =>
  new Request("https://api.example.com/webhooks/assemblyai", {
    method: "POST",
    headers: { "x-webhook-token": TOKEN, "content-type": "application/json" },
    body: JSON.stringify({ transcript_id: jobId, status: "completed" }),
  });

describe("provider ids and sub-path modules", () => {
  it("the id list matches builtinProviders, and each id has its own module exporting it", () => {
    expect([...BUILTIN_PROVIDER_IDS].sort()).toEqual(Object.keys(builtinProviders).sort());
    const dir = fileURLToPath(new URL("../src/providers/", import.meta.url));
    const files = readdirSync(dir).map((f) => f.replace(/\.ts$/, ""));
    for (const id of BUILTIN_PROVIDER_IDS) expect(files).toContain(id);
  });
});

describe("createReceiver from @scribehook/core/fetch", () => {
  it("accepts a provider passed in definitions", async () => {
    const receiver = createSlimReceiver({ definitions: [assemblyai], providers: aai });
    const events: TranscriptionEvent[] = [];
    receiver.onComplete((e) => void events.push(e));
    expect((await receiver.fetch(delivery("slim-1"))).status).toBe(200);
    expect(events.map((e) => e.jobId)).toEqual(["slim-1"]);
  });

  it("refuses a built-in provider not passed in definitions, naming the import to add", () => {
    expect(() => createSlimReceiver({ providers: aai })).toThrow(TypeError);
    expect(() => createSlimReceiver({ providers: aai })).toThrow(
      'import { assemblyai } from "@scribehook/core/providers/assemblyai" and give definitions: [assemblyai]',
    );
    expect(() =>
      createSlimReceiver({ definitions: [gladia], providers: { ...aai, gladia: { urlToken: true } } }),
    ).toThrow(/providers\.assemblyai/);
  });

  it("refuses a custom provider in definitions (it belongs in customProviders) and a typo", () => {
    const mine = defineProvider({
      id: "inhouse",
      name: "In-house",
      methods: ["POST"],
      normalise: (p: { id: string }) => ({
        jobId: p.id,
        providerStatus: "done",
        status: "completed",
        payload: p,
      }),
    });
    expect(() => createSlimReceiver({ definitions: [mine], providers: aai })).toThrow(/customProviders/);
    expect(() =>
      createSlimReceiver({ definitions: [assemblyai], providers: { assemblyia: {} } as any }),
    ).toThrow(/unknown provider/);
  });
});

describe("createReceiver from @scribehook/core", () => {
  it("knows every built-in provider, and accepts definitions too", async () => {
    expect((await createReceiver({ providers: aai }).fetch(delivery("root-1"))).status).toBe(200);
    const withList = createReceiver({ definitions: [assemblyai], providers: aai });
    expect((await withList.fetch(delivery("root-2"))).status).toBe(200);
  });
});

describe.each([
  ["@scribehook/core", createReceiver],
  ["@scribehook/core/fetch", createSlimReceiver],
] as const)("lazy options (%s)", (_, create) => {
  it("builds the options once, on the first request, from its env; earlier handlers apply", async () => {
    const envs: unknown[] = [];
    const receiver = create((env: { TOKEN: string }) => {
      envs.push(env);
      return {
        definitions: [assemblyai],
        providers: { assemblyai: { headers: { "x-webhook-token": env.TOKEN } } },
      };
    });
    const events: string[] = [];
    receiver.onComplete((e) => void events.push(e.jobId));
    expect(envs).toEqual([]);
    expect((await receiver.fetch(delivery("lazy-1"), { env: { TOKEN } })).status).toBe(200);
    expect((await receiver.fetch(delivery("lazy-2"), { env: { TOKEN: "other" } })).status).toBe(200);
    expect(envs).toEqual([{ TOKEN }]);
    expect(events).toEqual(["lazy-1", "lazy-2"]);
    expect(receiver.path).toBe("/webhooks");
  });

  it("answers 500 while the options cannot be built, tells onRejected why, and tries again", async () => {
    let calls = 0;
    const receiver = create((env: { TOKEN?: string }) => {
      calls++;
      return {
        definitions: [assemblyai],
        providers: { assemblyai: { headers: { "x-webhook-token": env.TOKEN as string } } },
      };
    });
    const rejected: RejectedDelivery[] = [];
    receiver.onRejected((r) => void rejected.push(r));
    const res = await receiver.fetch(delivery("lazy-3"), { env: {} });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("internal_error");
    expect(rejected[0]).toMatchObject({ status: 500, code: "internal_error", path: "/webhooks/assemblyai" });
    expect(rejected[0]!.message).toMatch(/options could not be built: providers\.assemblyai\.headers/);
    expect((await receiver.fetch(delivery("lazy-3"), { env: { TOKEN } })).status).toBe(200);
    expect(calls).toBe(2);
  });
  it("makes a callback URL from the env it is given, before any request built the receiver", async () => {
    const receiver = create((env: { SECRET: string }) => ({
      definitions: [gladia],
      providers: { gladia: { urlToken: true } },
      urlTokenSecret: env.SECRET,
      signCallbackUrl,
    }));
    const events: string[] = [];
    receiver.onComplete((e) => void events.push(e.jobId));
    const env = { SECRET: "lazy-url-secret-9c1d" };
    const url = new URL(receiver.callbackUrl({ provider: "gladia", baseUrl: "https://hooks.example", env }));
    expect(url.pathname).toBe("/webhooks/gladia");
    const body = JSON.stringify({ id: "lazy-g1", event: "transcription.success", payload: {} });
    const res = await receiver.fetch(
      new Request(`https://hooks.example${url.pathname}${url.search}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      }),
      { env },
    );
    expect(res.status).toBe(200);
    expect(events).toEqual(["lazy-g1"]);
  });
});
