import { type FakeProviderApi, fakeProviderApi, signDelivery } from "@scribehook/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  createEnqueueOnce,
  createReceiver,
  defineProvider,
  ipAllowList,
  memoryWatchdog,
  type OverdueEvent,
  parseMultipart,
  type Receiver,
  type ReceiverOptions,
  resultReader,
  signCallbackUrl,
  type TranscriptionEvent,
} from "../src/fetch";
import { createReceiver as createRootReceiver, defineResultClient } from "../src/index";
import { assemblyai } from "../src/providers/assemblyai";
import { gladia } from "../src/providers/gladia";
import { speechmatics } from "../src/providers/speechmatics";
import { assemblyaiResults } from "../src/results/assemblyai";
import { eventFrom } from "./transcript/support";

// `@scribehook/core/fetch` wires in what only some receivers use (result readers, the watchdog, URL
// signing) only when its option is given, so that an edge bundle that only receives does not carry
// it. Without the option, using it fails with a TypeError naming the exact import to add.

const TOKEN = { "x-webhook-token": "opt-in-token-51c2" };
let api: FakeProviderApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** Delivers one AssemblyAI completion to `receiver` and returns the event its handler got. */
async function received(receiver: Receiver, jobId = "aai-opt-1"): Promise<TranscriptionEvent> {
  const event = await eventFrom(receiver, signDelivery("assemblyai", { jobId, headers: TOKEN }));
  expect(event.type).toBe("transcription.completed");
  return event;
}

const aai = (extra: Partial<ReceiverOptions> = {}, config: object = {}): ReceiverOptions => ({
  definitions: [assemblyai],
  providers: { assemblyai: { headers: TOKEN, ...config } },
  ...extra,
});

describe("event.transcript() on @scribehook/core/fetch", () => {
  it("without results, rejects with a TypeError naming the reader to import; the event is still delivered", async () => {
    const event = await received(createReceiver(aai()));
    expect(event.jobId).toBe("aai-opt-1");
    for (const pending of [event.transcript(), event.captions("srt")]) {
      const err = await pending.catch((e) => e);
      expect(err).toBeInstanceOf(TypeError);
      expect(err.message).toContain(
        'import { assemblyaiResults } from "@scribehook/core/results/assemblyai" and give results: [assemblyaiResults]',
      );
    }
    // Still plain data, as every event.
    expect(JSON.parse(JSON.stringify(event)).jobId).toBe("aai-opt-1");
  });

  it("with results: [assemblyaiResults], fetches the transcript from the provider's API", async () => {
    api = await fakeProviderApi("assemblyai");
    const receiver = createReceiver(
      aai({ results: [assemblyaiResults] }, { apiKey: api.apiKey, apiBaseUrl: api.url }),
    );
    const event = await received(receiver);
    expect((await event.transcript()).text).toBe("Hello there. Thanks for calling.");
    expect(api.requests[0]!.headers.authorization).toBe(api.apiKey);
  });

  it("runs a custom provider's result client given through resultReader()", async () => {
    const inhouse = defineProvider({
      id: "inhouse",
      name: "In-house",
      methods: ["POST"],
      normalise: (p: { id: string; text: string }) => ({
        jobId: p.id,
        providerStatus: "done",
        status: "completed",
        payload: p,
      }),
    });
    const client = defineResultClient({
      id: "inhouse",
      name: "In-house",
      docs: "https://asr.example/docs",
      inline: (p: { text: string }) => ({ text: p.text, segments: [], raw: p }),
    });
    const deliver = async (options: ReceiverOptions) => {
      const receiver = createReceiver(options);
      let event: TranscriptionEvent | undefined;
      receiver.onComplete((e) => {
        event = e;
      });
      const res = await receiver.handle({
        method: "POST",
        url: "/webhooks/inhouse",
        headers: { "content-type": "application/json", "x-key": "inhouse-key-1" },
        body: new TextEncoder().encode(JSON.stringify({ id: "in-1", text: "Hi." })),
      });
      expect(res.status).toBe(200);
      return event!;
    };
    const options = {
      customProviders: [inhouse],
      providers: { inhouse: { headers: { "x-key": "inhouse-key-1" } } } as ReceiverOptions["providers"],
    };
    const read = await deliver({ ...options, results: [resultReader(client)] });
    expect((await read.transcript()).text).toBe("Hi.");
    const unread = await deliver(options);
    await expect(unread.transcript()).rejects.toThrow(/give results: \[resultReader\(client\)\]/);
  });
});

describe("the watchdog on @scribehook/core/fetch", () => {
  it("without watchdog, expect() and onOverdue() throw a TypeError naming memoryWatchdog", async () => {
    const receiver = createReceiver(aai());
    const hint =
      'add import { memoryWatchdog } from "@scribehook/core/fetch" and give watchdog: memoryWatchdog';
    await expect(receiver.expect({ provider: "assemblyai", jobId: "j", within: "1h" })).rejects.toThrow(hint);
    expect(() => receiver.onOverdue(() => {})).toThrow(hint);
    expect(() => receiver.on("transcription.overdue", () => {})).toThrow(TypeError);
  });

  it("with lazy options, an onOverdue handler without a watchdog fails the first request, saying why", async () => {
    const receiver = createReceiver(() => aai());
    receiver.onOverdue(() => {});
    const reasons: string[] = [];
    receiver.onRejected((r) => void reasons.push(r.message));
    const d = signDelivery("assemblyai", { jobId: "lazy-w", headers: TOKEN });
    const request = () =>
      new Request(`https://hooks.example${d.path}`, { method: d.method, headers: d.headers, body: d.body });
    expect((await receiver.fetch(request())).status).toBe(500);
    expect((await receiver.fetch(request())).status).toBe(500);
    expect(reasons[0]).toContain("give watchdog: memoryWatchdog");
  });

  it("with watchdog: memoryWatchdog, an expected callback that does not come is overdue", async () => {
    const receiver = createReceiver(aai({ watchdog: memoryWatchdog }));
    const overdue = new Promise<OverdueEvent>((resolve) => receiver.onOverdue(resolve));
    await receiver.expect({ provider: "assemblyai", jobId: "late-f1", within: "50ms" });
    expect(await overdue).toMatchObject({ provider: "assemblyai", jobId: "late-f1" });
    await receiver.close();
  });

  it("with a watchdog and results, the poll step asks the status API and delivers the finished job", async () => {
    api = await fakeProviderApi("assemblyai");
    const receiver = createReceiver(
      aai(
        { watchdog: memoryWatchdog, results: [assemblyaiResults] },
        { apiKey: api.apiKey, apiBaseUrl: api.url },
      ),
    );
    const done = new Promise<TranscriptionEvent>((resolve) => receiver.onComplete(resolve));
    receiver.onOverdue(() => {
      throw new Error("a finished job must not be overdue");
    });
    await receiver.expect({ provider: "assemblyai", jobId: "polled-f1", within: "20ms" });
    const event = await done;
    expect({ source: event.source, jobId: event.jobId }).toEqual({ source: "poll", jobId: "polled-f1" });
    expect((await event.transcript()).jobId).toBe("polled-f1");
    await receiver.close();
  });
});

describe("receiver.callbackUrl() on @scribehook/core/fetch", () => {
  const options = (extra: Partial<ReceiverOptions> = {}): ReceiverOptions => ({
    definitions: [gladia],
    providers: { gladia: { urlToken: true } },
    urlTokenSecret: "opt-in-url-secret-0d4e",
    ...extra,
  });

  it("without signCallbackUrl, throws a TypeError naming the import; with it, makes a URL the receiver accepts", async () => {
    expect(() =>
      createReceiver(options()).callbackUrl({ provider: "gladia", baseUrl: "https://hooks.example" }),
    ).toThrow(
      'callbackUrl: @scribehook/core/fetch signs callback URLs only when given the signer: add import { signCallbackUrl } from "@scribehook/core/fetch"',
    );
    const receiver = createReceiver(options({ signCallbackUrl }));
    const url = new URL(receiver.callbackUrl({ provider: "gladia", baseUrl: "https://hooks.example" }));
    const res = await receiver.fetch(
      new Request(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: "g-1", event: "transcription.success", payload: {} }),
      }),
    );
    expect(res.status).toBe(200);
    // Verifying needs no signer: a URL made by the root entry is accepted without one.
    const rootUrl = createRootReceiver(options()).callbackUrl({
      provider: "gladia",
      baseUrl: "https://hooks.example",
    });
    const verifying = createReceiver(options());
    const res2 = await verifying.fetch(
      new Request(rootUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: "g-2", event: "transcription.success", payload: {} }),
      }),
    );
    expect(res2.status).toBe(200);
  });
});

describe("multipart bodies on @scribehook/core/fetch", () => {
  const form = (boundary: string) =>
    new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="transcript"; filename="t.json"\r\n` +
        `Content-Type: application/json\r\n\r\n{"text":"hi"}\r\n--${boundary}--\r\n`,
    );
  const post = (receiver: Receiver, path: string, headers: Record<string, string>) =>
    receiver.handle({
      method: "POST",
      url: path,
      headers: { "content-type": "multipart/form-data; boundary=mp-b1", ...headers },
      body: form("mp-b1"),
    });

  it("Speechmatics carries its multipart reader: its attachments are read with nothing else given", async () => {
    const receiver = createReceiver({
      definitions: [speechmatics],
      providers: { speechmatics: { headers: { authorization: "Bearer sm-opt-7" } } },
    });
    let event: TranscriptionEvent | undefined;
    receiver.onComplete((e) => {
      event = e;
    });
    const res = await post(receiver, "/webhooks/speechmatics?id=sm-1&status=success", {
      authorization: "Bearer sm-opt-7",
    });
    expect(res.status).toBe(200);
    expect((event!.payload as { attachments: { json: unknown }[] }).attachments[0]!.json).toEqual({
      text: "hi",
    });
  });

  it("a custom provider that accepts multipart is refused at creation without parseMultipart, naming the import", async () => {
    const definition = {
      id: "formasr",
      name: "Form ASR",
      methods: ["POST"] as const,
      formats: ["multipart"] as const,
      normalise: (parts: { name: string }[]) => ({
        jobId: parts[0]?.name,
        providerStatus: "done",
        status: "completed" as const,
        payload: parts,
      }),
    };
    const options = (d: object): ReceiverOptions => ({
      customProviders: [defineProvider(d as typeof definition)],
      providers: { formasr: { headers: { "x-key": "form-key-3" } } } as ReceiverOptions["providers"],
    });
    expect(() => createReceiver(options(definition))).toThrow(
      'providers.formasr: Form ASR accepts multipart bodies, which @scribehook/core/fetch reads only with the parser: add import { parseMultipart } from "@scribehook/core/fetch" and give parseMultipart in the provider\'s definition',
    );
    // The root entry reads multipart for it, and /fetch does once the definition carries the reader.
    for (const receiver of [
      createRootReceiver(options(definition)),
      createReceiver(options({ ...definition, parseMultipart })),
    ]) {
      expect((await post(receiver, "/webhooks/formasr", { "x-key": "form-key-3" })).status).toBe(200);
    }
  });
});

describe("allowIps on @scribehook/core/fetch", () => {
  const allowing = (extra: Partial<ReceiverOptions> = {}) =>
    aai({ trustProxy: true, ...extra }, { allowIps: ["203.0.113.0/24", "2001:db8::/32"] });
  const from = (receiver: Receiver, ip: string) => {
    const d = signDelivery("assemblyai", { jobId: `ip-${ip}`, headers: TOKEN });
    return receiver.handle({
      method: d.method,
      url: d.path,
      headers: { ...d.headers, "x-forwarded-for": ip },
      body: d.body,
    });
  };

  it("without ipAllowList, a provider's allowIps is refused at creation, naming the import", () => {
    expect(() => createReceiver(allowing())).toThrow(
      'providers.assemblyai.allowIps: @scribehook/core/fetch checks addresses only when given the checker: add import { ipAllowList } from "@scribehook/core/fetch" and give ipAllowList in the receiver options',
    );
  });

  it("with ipAllowList, an address in a listed range is served and one outside is answered 403", async () => {
    for (const receiver of [createReceiver(allowing({ ipAllowList })), createRootReceiver(allowing())]) {
      expect((await from(receiver, "203.0.113.77")).status).toBe(200);
      expect((await from(receiver, "2001:db8::5")).status).toBe(200);
      expect((await from(receiver, "198.51.100.7")).status).toBe(403);
    }
  });
});

describe("queue on @scribehook/core/fetch", () => {
  /** A queue that keeps events in an array (a table, as TranscriptionQueue's own example does). */
  const arrayQueue = () => {
    const rows: string[] = [];
    return {
      rows,
      enqueue: async (e: TranscriptionEvent) => void rows.push(JSON.stringify(e)),
      close: async () => {},
    };
  };

  it("without enqueueOnce, queue is refused at creation, naming the import", () => {
    expect(() => createReceiver(aai({ queue: arrayQueue() }))).toThrow(
      'queue: @scribehook/core/fetch hands events to a queue only when given the enqueuer: add import { createEnqueueOnce } from "@scribehook/core/fetch" and give enqueueOnce: createEnqueueOnce in the receiver options',
    );
  });

  it("with enqueueOnce: createEnqueueOnce, a delivery is queued once and answered 200, its copy a duplicate", async () => {
    const queue = arrayQueue();
    const receiver = createReceiver(aai({ queue, enqueueOnce: createEnqueueOnce }));
    const d = signDelivery("assemblyai", { jobId: "queued-f1", headers: TOKEN });
    const send = () => receiver.handle({ method: d.method, url: d.path, headers: d.headers, body: d.body });
    expect((await send()).status).toBe(200);
    expect(JSON.parse((await send()).body as string)).toMatchObject({ duplicate: true });
    expect(queue.rows.map((r) => JSON.parse(r).jobId)).toEqual(["queued-f1"]);
    expect(() => receiver.onComplete(() => {})).toThrow(/handlers run in workers/);
  });
});

describe("the opt-in options are checked at creation", () => {
  it.each([
    [{ results: "assemblyai" }, /results: give a list of result readers such as \[assemblyaiResults\]/],
    [{ results: [{ id: "assemblyai" }] }, /results: give a list of result readers/],
    [{ watchdog: true }, /watchdog: give memoryWatchdog/],
    [{ signCallbackUrl: "yes" }, /signCallbackUrl: give signCallbackUrl/],
    [{ ipAllowList: ["10.0.0.0/8"] }, /ipAllowList: give ipAllowList/],
    [{ enqueueOnce: {} }, /enqueueOnce: give createEnqueueOnce/],
  ])("%j", (extra, message) => {
    expect(() => createReceiver(aai(extra as unknown as Partial<ReceiverOptions>))).toThrow(message);
    expect(() => createRootReceiver(aai(extra as unknown as Partial<ReceiverOptions>))).toThrow(message);
  });
});
