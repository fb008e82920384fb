import { createHmac } from "node:crypto";
import {
  assertHmac,
  type DedupeStore,
  defineProvider,
  type ProviderConfig,
  type Receiver,
  type ReceiverOptions,
  type RejectedDelivery,
  type TranscriptionEvent,
  verifyTimestamp,
} from "@scribehook/core";
import { signDelivery } from "@scribehook/testing";
import { expect } from "vitest";
import type { FloodResult, WireRequest, WireResponse } from "./http";
import type { Mounting } from "./servers";

/** What a case gets: a running app of one framework, its receiver, and what the receiver did. */
export interface CaseContext {
  adapter: string;
  receiver: Receiver;
  send(req: WireRequest): Promise<WireResponse>;
  sendTruncated(req: {
    path: string;
    headers: Record<string, string>;
    declaredLength: number;
    sent: string;
    trickleMs?: number;
  }): Promise<{ status: number; text: string }>;
  /** Declares a large body and writes it as fast as the server takes it (see `sendFlood`). */
  sendFlood(req: {
    method?: string;
    path: string;
    headers: Record<string, string>;
    declaredLength: number;
  }): Promise<FloodResult>;
  /** Every event handled, in order (an `onAny` handler). */
  events: TranscriptionEvent[];
  /** Every delivery refused (an `onRejected` listener). */
  rejected: RejectedDelivery[];
}

/** One behaviour every framework must show identically. */
export interface ConformanceCase {
  name: string;
  options: ReceiverOptions;
  /** How the app mounts scribehook; a case runs only where the mounting exists. Default `normal`. */
  mounting?: Mounting;
  run(ctx: CaseContext): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------
// Secrets and requests: built-in providers' deliveries come from the builder (@scribehook/testing).

export const SECRETS = {
  aaiToken: "aai-header-token-7f3b",
  urlTokenSecret: "url-token-secret-0c9e",
  signed: "custom-hmac-secret-51ad",
} as const;

const AAI = { headers: { "x-webhook-token": SECRETS.aaiToken } };

/** AssemblyAI's delivery, from the delivery builder: POST JSON with the header you chose. */
export function aai(
  jobId: string,
  status = "completed",
  opts: { token?: string | null; path?: string; body?: string; headers?: Record<string, string> } = {},
): WireRequest {
  const token: Record<string, string> =
    opts.token === null ? {} : { "x-webhook-token": opts.token ?? SECRETS.aaiToken };
  const d = signDelivery("assemblyai", {
    jobId,
    status,
    ...(opts.path === undefined ? {} : { callbackUrl: opts.path }),
    ...(opts.body === undefined ? {} : { body: opts.body }),
    headers: { ...token, ...opts.headers },
  });
  return { method: d.method, path: d.path, headers: d.headers, body: d.body };
}

/** A provider of our own, signing `${timestamp}.${body}` with HMAC-SHA256: for signature and timestamp rows. */
export const signedProvider = defineProvider<"signedco", { job: string; state: string }>({
  id: "signedco",
  name: "SignedCo",
  methods: ["POST"],
  async verifySignature(ctx) {
    const ts = ctx.header("x-signedco-timestamp");
    verifyTimestamp(ts, { toleranceSeconds: ctx.config.tolerance });
    await assertHmac(
      {
        data: [ts ?? "", ".", ctx.body],
        signature: ctx.header("x-signedco-signature"),
        secrets: ctx.config.secret!,
      },
      "X-SignedCo-Signature",
    );
  },
  normalise: (p) => ({
    jobId: p.job,
    providerStatus: p.state,
    status: p.state === "done" ? "completed" : "failed",
    payload: p,
  }),
});

/**
 * A SignedCo delivery. Signed by hand, not by `signDelivery()`: SignedCo is this suite's own custom
 * provider, which the builder (built-in providers only) cannot know.
 */
function signed(
  job: string,
  opts: { secret?: string; timestamp?: number; signature?: string | null } = {},
): WireRequest {
  const body = JSON.stringify({ job, state: "done" });
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { "content-type": "application/json", "x-signedco-timestamp": ts };
  const signature =
    opts.signature === undefined
      ? createHmac("sha256", opts.secret ?? SECRETS.signed)
          .update(`${ts}.${body}`)
          .digest("hex")
      : opts.signature;
  if (signature !== null) headers["x-signedco-signature"] = signature;
  return { method: "POST", path: "/webhooks/signedco", headers, body };
}

/**
 * Options with our custom provider. Users type its id by augmenting `ProviderPayloads`; a test file
 * doing that would change `ProviderId` for the whole type-check, so these options are cast instead.
 */
const withSigned = (providers: Record<string, ProviderConfig>, rest: Partial<ReceiverOptions> = {}) =>
  ({ ...rest, providers, customProviders: [signedProvider] }) as ReceiverOptions;

// ---------------------------------------------------------------------------------------------------
// Assertions shared by every case.

const JSON_TYPE = /^application\/json; ?charset=utf-8$/i;

/** A success: the exact body core answers, as JSON. */
export function expectOk(res: WireResponse, body: unknown = { ok: true }): void {
  expect({ status: res.status, json: res.json }).toEqual({ status: 200, json: body });
  expect(res.headers["content-type"]).toMatch(JSON_TYPE);
}

/**
 * A refusal: status, code, a message to act on, JSON of exactly `{ error: { code, message } }`, and no
 * secret anywhere in the answer, body or headers.
 */
export function expectError(res: WireResponse, status: number, code: string): void {
  expect({ status: res.status, code: res.json?.error?.code }).toEqual({ status, code });
  expect(Object.keys(res.json)).toEqual(["error"]);
  expect(Object.keys(res.json.error).sort()).toEqual(["code", "message"]);
  expect(typeof res.json.error.message).toBe("string");
  expect(res.json.error.message.length).toBeGreaterThan(10);
  expect(res.headers["content-type"]).toMatch(JSON_TYPE);
  const everything = res.text + JSON.stringify(res.headers);
  for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export const id = (() => {
  let n = 0;
  return (prefix = "job") => `${prefix}_${Date.now().toString(36)}_${++n}`;
})();

const jsonOf = (size: number, jobId: string): string => {
  // A valid AssemblyAI body of exactly `size` bytes: the padding goes into an extra field.
  const base = JSON.stringify({ transcript_id: jobId, status: "completed", pad: "" });
  if (size < base.length) throw new Error(`size ${size} is below the smallest body`);
  return base.replace('"pad":""', `"pad":"${"x".repeat(size - base.length)}"`);
};

// ---------------------------------------------------------------------------------------------------
// The cases: every row of the core README's "What each request gets" table, then the edges around them.

const basic: ReceiverOptions = { providers: { assemblyai: AAI } };

export const cases: ConformanceCase[] = [
  {
    name: "processed: 200 {ok:true}, handlers called once with the normalised event",
    options: basic,
    async run({ send, receiver, events }) {
      const completed: TranscriptionEvent[] = [];
      receiver.onComplete((e) => {
        completed.push(e);
      });
      const jobId = id();
      expectOk(await send(aai(jobId)));
      expect(completed).toHaveLength(1);
      expect(events).toHaveLength(1);
      expect(completed[0]).toMatchObject({
        type: "transcription.completed",
        provider: "assemblyai",
        jobId,
        status: "completed",
        providerStatus: "completed",
        idempotencyKey: `assemblyai:${jobId}:completed`,
        metadata: {},
        payload: { transcript_id: jobId, status: "completed" },
      });
      expect(completed[0]!.receivedAt).toBeInstanceOf(Date);
    },
  },
  {
    name: "failed job: 200, onFailed (not onComplete) called with the error",
    options: basic,
    async run({ send, receiver }) {
      const failed: TranscriptionEvent[] = [];
      let completed = 0;
      receiver.onFailed((e) => {
        failed.push(e);
      });
      receiver.onComplete(() => {
        completed++;
      });
      const jobId = id();
      expectOk(await send(aai(jobId, "error")));
      expect(completed).toBe(0);
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({
        type: "transcription.failed",
        jobId,
        status: "failed",
        providerStatus: "error",
      });
      expect(failed[0]!.error?.message).toBeTruthy();
    },
  },
  {
    name: "already processed: 200 {ok:true,duplicate:true}, handlers not called again",
    options: basic,
    async run({ send, events }) {
      const req = aai(id());
      expectOk(await send(req));
      expectOk(await send(req), { ok: true, duplicate: true });
      expectOk(await send(req), { ok: true, duplicate: true });
      expect(events).toHaveLength(1);
    },
  },
  {
    name: "a new status of the same job is a new delivery",
    options: basic,
    async run({ send, events }) {
      const jobId = id();
      expectOk(await send(aai(jobId, "error")));
      expectOk(await send(aai(jobId, "completed")));
      expect(events.map((e) => e.providerStatus)).toEqual(["error", "completed"]);
    },
  },
  {
    name: "same key still being processed: 503 + Retry-After, handler not called twice",
    options: basic,
    async run({ send, receiver }) {
      const entered = deferred();
      const gate = deferred();
      let calls = 0;
      receiver.onComplete(async () => {
        calls++;
        entered.resolve();
        await gate.promise;
      });
      const req = aai(id());
      const first = send(req);
      await entered.promise;
      const second = await send(req);
      expectError(second, 503, "in_progress");
      expect(Number(second.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      gate.resolve();
      expectOk(await first);
      expectOk(await send(req), { ok: true, duplicate: true });
      expect(calls).toBe(1);
    },
  },
  {
    name: "concurrent duplicates: exactly one handler run, the others 200 duplicate or 503",
    options: basic,
    async run({ send, receiver }) {
      let calls = 0;
      receiver.onComplete(async () => {
        calls++;
        await new Promise((r) => setImmediate(r));
      });
      const req = aai(id());
      const all = await Promise.all(Array.from({ length: 6 }, () => send(req)));
      expect(all.filter((r) => r.status === 200 && r.json.duplicate !== true)).toHaveLength(1);
      for (const r of all) expect([200, 503]).toContain(r.status);
      expect(calls).toBe(1);
    },
  },
  {
    name: "handler threw: 500, the key is released and the provider's retry is processed",
    options: basic,
    async run({ send, receiver, rejected }) {
      let calls = 0;
      const thrown = new Error(`database down (${SECRETS.aaiToken})`);
      receiver.onComplete(() => {
        calls++;
        if (calls === 1) throw thrown;
      });
      const req = aai(id());
      const failed = await send(req);
      expectError(failed, 500, "handler_failed");
      expect(failed.text).not.toContain("database down");
      expectOk(await send(req));
      expectOk(await send(req), { ok: true, duplicate: true });
      expect(calls).toBe(2);
      expect(rejected.map((r) => r.code)).toEqual(["handler_failed"]);
      // The listener gets the very value the handler threw, for logging; the sender never sees it.
      expect(rejected[0]!.error).toBe(thrown);
    },
  },
  {
    name: "dedupe store unreachable: 503 + Retry-After, nothing acknowledged, handler not called",
    options: {
      ...basic,
      store: {
        claim: () => Promise.reject(new Error("ECONNREFUSED")),
        complete: () => Promise.reject(new Error("ECONNREFUSED")),
        release: () => Promise.reject(new Error("ECONNREFUSED")),
      } satisfies DedupeStore,
    },
    async run({ send, events }) {
      const res = await send(aai(id()));
      expectError(res, 503, "store_unavailable");
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      expect(events).toHaveLength(0);
    },
  },
  {
    name: "dedupe store full of live claims: 503 store_full + Retry-After, handler not called",
    options: {
      ...basic,
      store: {
        claim: async () => "full",
        renew: async () => true,
        complete: async () => {},
        release: async () => {},
      } satisfies DedupeStore,
    },
    async run({ send, events }) {
      const res = await send(aai(id()));
      expectError(res, 503, "store_full");
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      expect(events).toHaveLength(0);
    },
  },
  {
    name: "handlers still running after handlerTimeout: 503 handler_timeout + Retry-After, the key released",
    options: { ...basic, handlerTimeout: "150ms" },
    async run({ send, receiver, rejected }) {
      const gate = deferred();
      let calls = 0;
      receiver.onComplete(async () => {
        calls++;
        if (calls === 1) await gate.promise;
      });
      const req = aai(id());
      const hung = await send(req);
      expectError(hung, 503, "handler_timeout");
      expect(Number(hung.headers["retry-after"])).toBeGreaterThan(0);
      expect(rejected.map((r) => r.code)).toEqual(["handler_timeout"]);
      expectOk(await send(req)); // released: the retry is processed
      gate.resolve();
      expectOk(await send(req), { ok: true, duplicate: true });
      expect(calls).toBe(2);
    },
  },
  {
    name: "auth header missing: 401 header_missing",
    options: basic,
    async run({ send, events }) {
      expectError(await send(aai(id(), "completed", { token: null })), 401, "header_missing");
      expect(events).toHaveLength(0);
    },
  },
  {
    name: "auth header wrong: 401 header_mismatch, the configured value never echoed",
    options: basic,
    async run({ send, events }) {
      expectError(await send(aai(id(), "completed", { token: "guess" })), 401, "header_mismatch");
      expectError(
        await send(aai(id(), "completed", { token: `${SECRETS.aaiToken}x` })),
        401,
        "header_mismatch",
      );
      expect(events).toHaveLength(0);
    },
  },
  {
    name: "attacker: header names match in any case, values exactly; a joined repeat or the token in another header: 401",
    options: basic,
    async run({ adapter, send, events }) {
      const req = aai(id(), "completed", { token: null });
      expectOk(await send({ ...req, headers: { ...req.headers, "X-WEBHOOK-TOKEN": SECRETS.aaiToken } }));
      // What fetch() sends for a header appended twice: one line, "forged, <token>". Node's adapters see one
      // header with a value matching nothing; a Fetch Request cannot tell one line from joined repeats, so
      // a value with ", " counts as repeated there (see header-count.ts). Refused either way.
      const joined = { ...req.headers, "x-webhook-token": `forged, ${SECRETS.aaiToken}` };
      expectError(
        await send({ ...aai(id(), "completed", { token: null }), headers: joined }),
        401,
        adapter.startsWith("fetch") ? "header_repeated" : "header_mismatch",
      );
      const elsewhere = { ...req.headers, authorization: SECRETS.aaiToken };
      expectError(
        await send({ ...aai(id(), "completed", { token: null }), headers: elsewhere }),
        401,
        "header_missing",
      );
      expect(events).toHaveLength(1);
    },
  },
  {
    name: "signature missing, wrong, or over other bytes: 401",
    options: withSigned({ signedco: { secret: SECRETS.signed } }),
    async run({ send, events }) {
      expectError(await send(signed(id(), { signature: null })), 401, "signature_missing");
      expectError(await send(signed(id(), { secret: "another-secret" })), 401, "signature_mismatch");
      const tampered = signed(id());
      tampered.body = String(tampered.body).replace("done", "DONE");
      expectError(await send(tampered), 401, "signature_mismatch");
      // The same bytes with one added space: what a parse-and-reserialise would do to a signature.
      const respaced = signed(id());
      respaced.body = String(respaced.body).replace(":", ": ");
      expectError(await send(respaced), 401, "signature_mismatch");
      expect(events).toHaveLength(0);
      expectOk(await send(signed(id())));
      expect(events).toHaveLength(1);
    },
  },
  {
    name: "an authenticating header sent twice (right value first): 401 header_repeated, handler not called",
    options: withSigned({
      assemblyai: {
        headers: { authorization: "Bearer aai-bearer-9d2e", "x-webhook-token": SECRETS.aaiToken },
      },
      signedco: { secret: SECRETS.signed },
    }),
    async run({ send, events }) {
      const bearer = "Bearer aai-bearer-9d2e";
      const good = aai(id(), "completed", { headers: { authorization: bearer } });
      expectOk(await send(good));
      // Node keeps the first Authorization and drops the rest; Fetch joins them: neither may decide.
      for (const [name, second] of [
        ["authorization", "Bearer forged"],
        ["authorization", bearer],
        ["x-webhook-token", "forged"],
      ] as const) {
        const req = aai(id(), "completed", { headers: { authorization: bearer } });
        const first = req.headers![name] as string;
        expectError(
          await send({ ...req, headers: { ...req.headers, [name]: [first, second] } }),
          401,
          "header_repeated",
        );
      }
      // Signature and timestamp headers of a signing provider, repeated with the right value first.
      for (const name of ["x-signedco-signature", "x-signedco-timestamp"]) {
        const req = signed(id());
        const first = req.headers![name] as string;
        expectError(
          await send({ ...req, headers: { ...req.headers, [name]: [first, "0"] } }),
          401,
          "header_repeated",
        );
      }
      expectOk(await send(signed(id())));
      expect(events).toHaveLength(2);
    },
  },
  {
    name: "secret rotation: either secret verifies",
    options: withSigned({ signedco: { secret: ["new-secret-a8", SECRETS.signed] } }),
    async run({ send, events }) {
      expectOk(await send(signed(id())));
      expectOk(await send(signed(id(), { secret: "new-secret-a8" })));
      expect(events).toHaveLength(2);
    },
  },
  {
    name: "timestamp outside the window: 401, inside: 200",
    options: withSigned({ signedco: { secret: SECRETS.signed, tolerance: "60s" } }),
    async run({ send, events }) {
      const now = Math.floor(Date.now() / 1000);
      expectError(await send(signed(id(), { timestamp: now - 600 })), 401, "timestamp_too_old");
      expectError(await send(signed(id(), { timestamp: now + 600 })), 401, "timestamp_too_new");
      expect(events).toHaveLength(0);
      expectOk(await send(signed(id(), { timestamp: now - 30 })));
      expect(events).toHaveLength(1);
    },
  },
  {
    name: "URL token missing, altered, expired, for another provider: 401; valid: metadata on the event",
    options: withSigned(
      { assemblyai: { urlToken: true }, signedco: { urlToken: true } },
      { urlTokenSecret: SECRETS.urlTokenSecret },
    ),
    async run({ send, receiver, events }) {
      const path = (url: string) => {
        const u = new URL(url);
        return u.pathname + u.search;
      };
      const base = "https://api.example.com";
      const good = path(
        receiver.callbackUrl({ provider: "assemblyai", baseUrl: base, metadata: { orderId: "42" } }),
      );
      const expired = path(
        receiver.callbackUrl({
          provider: "assemblyai",
          baseUrl: base,
          expiresIn: "1h",
          now: Date.now() - 7_200_000,
        }),
      );
      const other = path(receiver.callbackUrl({ provider: "signedco", baseUrl: base }));
      const otherToken = new URL(other, base).searchParams.get("sh_token")!;

      expectError(await send(aai(id(), "completed", { token: null })), 401, "token_missing");
      expectError(
        await send(aai(id(), "completed", { token: null, path: `${good.slice(0, -3)}AAA` })),
        401,
        "token_invalid",
      );
      expectError(await send(aai(id(), "completed", { token: null, path: expired })), 401, "token_expired");
      expectError(
        await send(
          aai(id(), "completed", { token: null, path: `/webhooks/assemblyai?sh_token=${otherToken}` }),
        ),
        401,
        "token_wrong_provider",
      );
      // Claims altered, signature kept: the metadata a token carries cannot be rewritten.
      const tampered = new URL(good, base);
      const [encoded, sig] = tampered.searchParams.get("sh_token")!.split(".");
      const claims = JSON.parse(Buffer.from(encoded!, "base64url").toString());
      claims.m.orderId = "43";
      tampered.searchParams.set(
        "sh_token",
        `${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${sig}`,
      );
      expectError(
        await send(aai(id(), "completed", { token: null, path: tampered.pathname + tampered.search })),
        401,
        "token_invalid",
      );
      expect(events).toHaveLength(0);
      expectOk(await send(aai(id(), "completed", { token: null, path: `${good}&extra=1` })));
      expect(events[0]?.metadata).toEqual({ orderId: "42" });
    },
  },
  {
    name: "address not allowed: 403; allowed address and trusted proxy: 200",
    options: withSigned({
      assemblyai: { ...AAI, allowIps: ["203.0.113.0/24"] },
      signedco: { secret: SECRETS.signed, allowIps: ["127.0.0.1", "::1"] },
    }),
    async run({ send, events }) {
      expectError(await send(aai(id())), 403, "ip_not_allowed");
      // Without trustProxy, X-Forwarded-For is not believed.
      expectError(
        await send(aai(id(), "completed", { headers: { "x-forwarded-for": "203.0.113.7" } })),
        403,
        "ip_not_allowed",
      );
      expect(events).toHaveLength(0);
      expectOk(await send(signed(id())));
      expect(events).toHaveLength(1);
    },
  },
  {
    name: "trustProxy: the forwarded address is checked",
    options: { providers: { assemblyai: { ...AAI, allowIps: ["203.0.113.0/24"] } }, trustProxy: true },
    async run({ send, events }) {
      expectOk(await send(aai(id(), "completed", { headers: { "x-forwarded-for": "203.0.113.7" } })));
      expectError(
        await send(aai(id(), "completed", { headers: { "x-forwarded-for": "198.51.100.1" } })),
        403,
        "ip_not_allowed",
      );
      expect(events).toHaveLength(1);
    },
  },
  {
    name: "trustProxy: 1 reads the address the one proxy recorded, not the client-written left-most entry",
    options: { providers: { assemblyai: { ...AAI, allowIps: ["203.0.113.9"] } }, trustProxy: 1 },
    async run({ send, events }) {
      expectOk(
        await send(aai(id(), "completed", { headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.9" } })),
      );
      expectError(
        await send(aai(id(), "completed", { headers: { "x-forwarded-for": "203.0.113.9, 6.6.6.6" } })),
        403,
        "ip_not_allowed",
      );
      expect(events).toHaveLength(1);
    },
  },
  {
    name: "allowIps with a range holding the loopback peer (IPv4-mapped or not): 200",
    options: { providers: { assemblyai: { ...AAI, allowIps: ["127.0.0.0/8"] } } },
    async run({ send, events }) {
      expectOk(await send(aai(id())));
      expect(events).toHaveLength(1);
    },
  },
  {
    name: "under the base path but no configured provider: Express/Koa pass it on (next()), Fastify/Fetch answer 404",
    options: basic,
    async run({ adapter, send, rejected }) {
      // The app's own route under the base path is reached wherever the app can have one.
      const health = await send({ method: "GET", path: "/webhooks/health" });
      expect({ status: health.status, json: health.json }).toEqual({
        status: 200,
        json: { ok: true, app: true },
      });
      const sharesRoutes = adapter.startsWith("express") || adapter.startsWith("koa");
      const unknown: [string, string][] = [
        ["/webhooks/gladia", "provider_not_configured"],
        ["/webhooks/nosuch", "provider_not_configured"],
        ["/webhooks", "not_found"],
        ["/webhooks/assemblyai/extra", "not_found"],
      ];
      for (const [path, code] of unknown) {
        const res = await send(aai(id(), "completed", { path }));
        if (sharesRoutes) {
          // The app's own 404: scribehook did not answer, and recorded no refusal.
          expect(res.status).toBe(404);
          expect(res.json?.error?.code).toBeUndefined();
        } else {
          expectError(res, 404, code);
        }
      }
      expect(rejected).toHaveLength(sharesRoutes ? 0 : unknown.length);
    },
  },
  {
    name: "method the provider never uses: 405 + Allow",
    options: basic,
    async run({ send, events }) {
      for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
        const req = aai(id());
        const res = await send(
          method === "GET" || method === "DELETE"
            ? { method, path: req.path, headers: req.headers }
            : { ...req, method },
        );
        expectError(res, 405, "method_not_allowed");
        expect(res.headers.allow).toBe("POST");
      }
      expect(events).toHaveLength(0);
    },
  },
  {
    name: "refused before the body (401, 403, 404, 405, 413): Connection: close, and the body is not drained",
    options: {
      ...basic,
      providers: { assemblyai: AAI, gladia: { headers: AAI.headers, allowIps: ["10.9.9.9"] } },
    },
    async run({ adapter, sendFlood, events }) {
      // 256 MB declared: a server that drains it takes it all; one that stops takes a few buffers' worth.
      const declaredLength = 256 * 1024 * 1024;
      const refusals: [string, string, Record<string, string>, number][] = [
        ["POST", "/webhooks/assemblyai", { "content-type": "application/json" }, 401],
        ["POST", "/webhooks/gladia", { "x-webhook-token": SECRETS.aaiToken }, 403],
        ["PUT", "/webhooks/assemblyai", { "x-webhook-token": SECRETS.aaiToken }, 405],
      ];
      // Express and Koa pass an unknown path to the app, which answers it; the others answer 404 themselves.
      if (adapter.startsWith("fastify") || adapter.startsWith("fetch")) {
        refusals.push(["POST", "/webhooks/nosuch", {}, 404]);
      }
      for (const [method, path, headers, status] of refusals) {
        const res = await sendFlood({ method, path, headers, declaredLength });
        expect({
          path,
          status: res.status,
          connection: res.connection,
          closedEarly: res.closedEarly,
        }).toEqual({
          path,
          status,
          connection: "close",
          closedEarly: true,
        });
        expect(res.sent).toBeLessThan(64 * 1024 * 1024); // measured: about 4 MB of socket buffers
      }
      // Over the limit by its declared length.
      const big = await sendFlood({
        path: "/webhooks/assemblyai",
        headers: { "x-webhook-token": SECRETS.aaiToken, "content-type": "application/json" },
        declaredLength: 2 ** 40,
      });
      expect({ status: big.status, connection: big.connection, closedEarly: big.closedEarly }).toEqual({
        status: 413,
        connection: "close",
        closedEarly: true,
      });
      expect(events).toHaveLength(0);
    },
  },
  {
    name: "body at and just under the limit: 200",
    options: { ...basic, maxBodyBytes: 4096 },
    async run({ send, events }) {
      const a = id();
      expectOk(await send(aai(a, "completed", { body: jsonOf(4096, a) })));
      const b = id();
      expectOk(await send({ ...aai(b, "completed", { body: jsonOf(4095, b) }), chunked: true }));
      expect(events.map((e) => e.jobId)).toEqual([a, b]);
    },
  },
  {
    name: "body over the limit: 413 by declared length and while streaming, handler not called",
    options: { ...basic, maxBodyBytes: 4096 },
    async run({ send, events }) {
      const declared = await send(aai(id(), "completed", { body: jsonOf(4097, "x") }));
      expectError(declared, 413, "body_too_large");
      expectError(
        await send({ ...aai(id(), "completed", { body: jsonOf(64 * 1024, "y") }), chunked: true }),
        413,
        "body_too_large",
      );
      expect(events).toHaveLength(0);
    },
  },
  {
    name: "per-provider limit overrides the receiver's",
    options: withSigned(
      { assemblyai: { ...AAI, maxBodyBytes: 1024 }, signedco: { secret: SECRETS.signed } },
      { maxBodyBytes: "1mb" },
    ),
    async run({ send }) {
      expectError(await send(aai(id(), "completed", { body: jsonOf(1025, "x") })), 413, "body_too_large");
      const a = id();
      expectOk(await send(aai(a, "completed", { body: jsonOf(1024, a) })));
    },
  },
  {
    name: "a 2 MB body under the default 25 MB limit: 200 (framework body limits do not apply)",
    options: basic,
    async run({ send, events }) {
      const jobId = id();
      expectOk(await send(aai(jobId, "completed", { body: jsonOf(2 * 1024 * 1024, jobId) })));
      expect(events[0]?.jobId).toBe(jobId);
    },
  },
  {
    name: "body not complete in time: 408",
    options: { ...basic, bodyTimeout: "300ms" },
    async run({ sendTruncated, events }) {
      const res = await sendTruncated({
        path: "/webhooks/assemblyai",
        headers: { "content-type": "application/json", "x-webhook-token": SECRETS.aaiToken },
        declaredLength: 200,
        sent: '{"transcript_id":"slow',
      });
      expect(res.status).toBe(408);
      expect(JSON.parse(res.text).error.code).toBe("body_timeout");
      expect(events).toHaveLength(0);
    },
  },
  {
    name: "body trickled a byte at a time, never idle, not complete in time: 408",
    options: { ...basic, bodyTimeout: "150ms" },
    async run({ sendTruncated, events }) {
      const res = await sendTruncated({
        path: "/webhooks/assemblyai",
        headers: { "content-type": "application/json", "x-webhook-token": SECRETS.aaiToken },
        declaredLength: 1000,
        sent: "",
        trickleMs: 20,
      });
      expect(res.status).toBe(408);
      expect(JSON.parse(res.text).error.code).toBe("body_timeout");
      expect(events).toHaveLength(0);
    },
  },
  {
    name: "body malformed, not an object, or without a job id: 400",
    options: basic,
    async run({ send, events }) {
      expectError(await send(aai(id(), "completed", { body: '{"transcript_id":' })), 400, "body_malformed");
      expectError(await send(aai(id(), "completed", { body: "[1,2]" })), 400, "body_malformed");
      expectError(await send(aai(id(), "completed", { body: "null" })), 400, "body_malformed");
      expectError(
        await send(aai(id(), "completed", { body: '{"status":"completed"}' })),
        400,
        "job_id_missing",
      );
      expect(events).toHaveLength(0);
    },
  },
  {
    name: "an authenticated delivery of a media type the provider never sends: 415 unsupported_media_type",
    options: basic,
    async run({ send, events }) {
      const jobId = id();
      for (const type of [
        "application/xml",
        "text/plain",
        "application/x-www-form-urlencoded",
        "not a type",
      ]) {
        expectError(
          await send(aai(jobId, "completed", { headers: { "content-type": type } })),
          415,
          "unsupported_media_type",
        );
      }
      expect(events).toHaveLength(0);
    },
  },
  {
    name: "JSON poisoning keys are dropped before the payload reaches a handler",
    options: basic,
    async run({ send, events }) {
      const jobId = id();
      const body = `{"transcript_id":"${jobId}","status":"completed","__proto__":{"polluted":true}}`;
      expectOk(await send(aai(jobId, "completed", { body })));
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
      expect(events[0]?.payload).not.toHaveProperty("polluted");
    },
  },
  {
    name: "path outside the base path: passed on to the app, whose own JSON parser still works",
    options: basic,
    async run({ send, rejected }) {
      const echo = await send({
        method: "POST",
        path: "/echo",
        headers: { "content-type": "application/json" },
        body: '{"hello":"world"}',
      });
      expect({ status: echo.status, json: echo.json }).toEqual({
        status: 200,
        json: { echo: { hello: "world" } },
      });
      const health = await send({ method: "GET", path: "/health" });
      expect({ status: health.status, json: health.json }).toEqual({ status: 200, json: { ok: true } });
      // Not under /webhooks/ although it starts with the same letters: the app's own 404.
      for (const near of [
        { method: "GET", path: "/webhooksx/assemblyai" },
        aai(id(), "completed", { path: "/webhooksx/assemblyai" }),
      ]) {
        const elsewhere = await send(near);
        expect(elsewhere.status).toBe(404);
        expect(elsewhere.json?.error?.code).toBeUndefined();
      }
      expect(rejected).toHaveLength(0);
    },
  },
  {
    name: "custom base path: deliveries there, the default path passed on",
    options: { ...basic, path: "/hooks/stt/" },
    async run({ send, events, rejected }) {
      const jobId = id();
      expectOk(await send(aai(jobId, "completed", { path: "/hooks/stt/assemblyai" })));
      const old = await send(aai(id()));
      expect(old.status).toBe(404);
      expect(old.json?.error?.code).toBeUndefined();
      expect(events.map((e) => e.jobId)).toEqual([jobId]);
      expect(rejected).toHaveLength(0);
    },
  },
  {
    name: "body parser first, raw bytes kept (rawBody): verified and processed",
    options: withSigned({ signedco: { secret: SECRETS.signed } }),
    mounting: "parserKeepsRaw",
    async run({ send, events }) {
      expectOk(await send(signed(id())));
      expectError(await send(signed(id(), { secret: "wrong-secret" })), 401, "signature_mismatch");
      expect(events).toHaveLength(1);
    },
  },
  {
    name: "body parser first, raw bytes lost: 500 body_already_parsed saying how to fix it",
    options: basic,
    mounting: "parserFirst",
    async run({ send, events }) {
      const res = await send(aai(id()));
      expectError(res, 500, "body_already_parsed");
      // The message says how to fix it, naming the usual parsers.
      expect(res.json.error.message).toMatch(/Mount scribehook before express\.json\(\).*koa-bodyparser/);
      expect(events).toHaveLength(0);
    },
  },
];
