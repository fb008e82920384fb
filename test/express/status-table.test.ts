/**
 * Every row of the status table in packages/core/README.md ("What each request gets"), through the
 * Express middleware, on Express 4 and 5.
 * AssemblyAI (static header authentication) is the provider; requests are built by hand.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { DedupeStore, RejectedDelivery, TranscriptionEvent } from "@scribehook/core";
import { type ExpressWebhookOptions, transcriptionWebhook } from "@scribehook/express";
import express5 from "express";
import express4 from "express4";
import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";

const TOKEN = "aai-header-token-5e1b9c";
const URL_SECRET = "callback-url-secret-77d0";
const SECRETS = [TOKEN, URL_SECRET];
const PATH = "/webhooks/assemblyai";
const auth = { "x-webhook-token": TOKEN };

const delivery = (jobId = `tr_${randomUUID()}`, status = "completed") =>
  JSON.stringify({ transcript_id: jobId, status });

type ExpressLike = typeof express5;
const servers: http.Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
});

/** Listens on 127.0.0.1 on a free port. */
async function listen(app: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return server;
}

/** Asserts the error body shape, the code, and that no configured secret leaked into body or headers. */
function expectError(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  expect(Object.keys(res.body)).toEqual(["error"]);
  expect(Object.keys(res.body.error).sort()).toEqual(["code", "message"]);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe("string");
  expect(res.body.error.message.length).toBeGreaterThan(10);
  const everything = res.text + JSON.stringify(res.headers);
  for (const secret of SECRETS) expect(everything).not.toContain(secret);
}

/** A raw HTTP request, for what supertest cannot do: headers without the body, trickled or chunked bodies. */
function rawRequest(
  server: http.Server,
  headers: Record<string, string | number>,
  write: (req: http.ClientRequest) => void,
  path = PATH,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    // The server may close the socket once it has answered; that is not a failure of the test.
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "ECONNRESET" && e.code !== "EPIPE") reject(e);
    });
    write(req);
  });
}

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe.each([
  ["Express 4", express4 as unknown as ExpressLike],
  ["Express 5", express5],
])("%s", (_name, express) => {
  function setup(
    options: Partial<ExpressWebhookOptions> = {},
    mount: (app: ReturnType<ExpressLike>, hooks: ReturnType<typeof transcriptionWebhook>) => void = (
      app,
      hooks,
    ) => app.use(hooks),
  ) {
    const hooks = transcriptionWebhook({
      providers: { assemblyai: { headers: auth } },
      ...options,
    } as ExpressWebhookOptions);
    const app = express();
    mount(app, hooks);
    app.get("/other", (_req, res) => {
      res.send("other route");
    });
    const completed: TranscriptionEvent[] = [];
    const any: TranscriptionEvent[] = [];
    const rejected: RejectedDelivery[] = [];
    hooks.onComplete((e) => void completed.push(e));
    hooks.onAny((e) => void any.push(e));
    hooks.onRejected((r) => void rejected.push(r));
    return { hooks, app, completed, any, rejected };
  }

  async function agent(app: ReturnType<ExpressLike>) {
    return request(await listen(app));
  }

  describe("processed and de-duplicated", () => {
    it("processed → 200 {ok:true}, each handler called once with the normalised event", async () => {
      const { app, completed, any } = setup();
      const res = await (await agent(app))
        .post(PATH)
        .set(auth)
        .set("content-type", "application/json")
        .send(delivery("tr_1"));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true });
      expect(completed).toHaveLength(1);
      expect(any).toHaveLength(1);
      expect(completed[0]).toMatchObject({
        type: "transcription.completed",
        provider: "assemblyai",
        jobId: "tr_1",
        status: "completed",
        providerStatus: "completed",
        idempotencyKey: "assemblyai:tr_1:completed",
        metadata: {},
        payload: { transcript_id: "tr_1", status: "completed" },
      });
      expect(completed[0]!.receivedAt).toBeInstanceOf(Date);
    });

    it("failed deliveries go to onFailed, not onComplete", async () => {
      const { app, hooks, completed } = setup();
      const failed: TranscriptionEvent[] = [];
      hooks.onFailed((e) => void failed.push(e));
      const res = await (await agent(app)).post(PATH).set(auth).type("json").send(delivery("tr_f", "error"));
      expect(res.status).toBe(200);
      expect(completed).toHaveLength(0);
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({
        type: "transcription.failed",
        status: "failed",
        providerStatus: "error",
      });
    });

    it("duplicate → 200 {ok:true,duplicate:true}, handlers not called again", async () => {
      const { app, completed, any } = setup();
      const a = await agent(app);
      const body = delivery();
      expect((await a.post(PATH).set(auth).type("json").send(body)).body).toEqual({ ok: true });
      const res = await a.post(PATH).set(auth).type("json").send(body);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true, duplicate: true });
      expect(completed).toHaveLength(1);
      expect(any).toHaveLength(1);
    });

    it("concurrent duplicate while a handler is pending → 503 + Retry-After, handler not called", async () => {
      const { app, hooks } = setup();
      const a = await agent(app);
      const entered = deferred();
      const gate = deferred();
      let calls = 0;
      hooks.onComplete(async () => {
        calls++;
        entered.resolve();
        await gate.promise;
      });
      const body = delivery();
      const first = a
        .post(PATH)
        .set(auth)
        .type("json")
        .send(body)
        .then((r) => r);
      await entered.promise;
      const second = await a.post(PATH).set(auth).type("json").send(body);
      expectError(second, 503, "in_progress");
      expect(Number(second.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      gate.resolve();
      expect((await first).body).toEqual({ ok: true });
      expect(calls).toBe(1);
      // after the first finished, the same delivery is a duplicate
      expect((await a.post(PATH).set(auth).type("json").send(body)).body).toEqual({
        ok: true,
        duplicate: true,
      });
    });

    it("handler threw → 500, and the provider's retry is processed", async () => {
      const { app, hooks } = setup();
      const a = await agent(app);
      let attempts = 0;
      let successes = 0;
      hooks.onComplete(() => {
        attempts++;
        if (attempts === 1) throw new Error(`database down (${TOKEN} must not leak)`);
        successes++;
      });
      const body = delivery();
      const res = await a.post(PATH).set(auth).type("json").send(body);
      expectError(res, 500, "handler_failed");
      expect(res.text).not.toContain("database down");
      const retry = await a.post(PATH).set(auth).type("json").send(body);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual({ ok: true });
      expect(attempts).toBe(2);
      expect(successes).toBe(1);
    });

    it("dedupe store unreachable → 503, handler not called, nothing acknowledged", async () => {
      const down = () => Promise.reject(new Error("ECONNREFUSED redis"));
      const store: DedupeStore = { claim: down, complete: down, release: down };
      const { app, completed, any } = setup({ store });
      const res = await (await agent(app)).post(PATH).set(auth).type("json").send(delivery());
      expectError(res, 503, "store_unavailable");
      expect(res.headers["retry-after"]).toBeDefined();
      expect(completed).toHaveLength(0);
      expect(any).toHaveLength(0);
    });

    it("async handlers are awaited before the response", async () => {
      const { app, hooks } = setup();
      const order: string[] = [];
      hooks.onComplete(async () => {
        await new Promise((r) => setTimeout(r, 30));
        order.push("handler finished");
      });
      hooks.onAny(async () => {
        await Promise.resolve();
        order.push("onAny finished");
      });
      const res = await (await agent(app)).post(PATH).set(auth).type("json").send(delivery());
      order.push("response received");
      expect(res.status).toBe(200);
      expect(order).toEqual(["handler finished", "onAny finished", "response received"]);
    });

    it("unsubscribe removes exactly that handler", async () => {
      const { app, hooks, any } = setup();
      const a = await agent(app);
      const seen: string[] = [];
      const off = hooks.onComplete((e) => void seen.push(e.jobId));
      await a.post(PATH).set(auth).type("json").send(delivery("tr_a"));
      off();
      off(); // twice is harmless
      await a.post(PATH).set(auth).type("json").send(delivery("tr_b"));
      expect(seen).toEqual(["tr_a"]);
      expect(any.map((e) => e.jobId)).toEqual(["tr_a", "tr_b"]);
      const offRejected = hooks.onRejected(() => {
        throw new Error("listener bug must not change the answer");
      });
      expectError(await a.post(PATH).type("json").send(delivery()), 401, "header_missing");
      offRejected();
    });
  });

  describe("authentication and addresses", () => {
    it("header missing or wrong → 401, handlers not called", async () => {
      const { app, any } = setup();
      const a = await agent(app);
      expectError(await a.post(PATH).type("json").send(delivery()), 401, "header_missing");
      expectError(
        await a.post(PATH).set("x-webhook-token", `${TOKEN}x`).type("json").send(delivery()),
        401,
        "header_mismatch",
      );
      expectError(
        await a.post(PATH).set("x-webhook-token", "wrong").type("json").send(delivery()),
        401,
        "header_mismatch",
      );
      expect(any).toHaveLength(0);
    });

    describe("URL token", () => {
      const options = { providers: { assemblyai: { urlToken: true } }, urlTokenSecret: URL_SECRET };
      const pathOf = (u: string) => {
        const url = new URL(u);
        return url.pathname + url.search;
      };

      it("valid → 200 with the signed metadata on the event", async () => {
        const { app, hooks, completed } = setup(options);
        const url = hooks.callbackUrl({
          provider: "assemblyai",
          baseUrl: "https://x.test",
          metadata: { order: "42" },
        });
        const res = await (await agent(app)).post(pathOf(url)).type("json").send(delivery());
        expect(res.status).toBe(200);
        expect(completed[0]!.metadata).toEqual({ order: "42" });
      });
      it("missing → 401 token_missing", async () => {
        const { app, any } = setup(options);
        expectError(await (await agent(app)).post(PATH).type("json").send(delivery()), 401, "token_missing");
        expect(any).toHaveLength(0);
      });
      it("expired → 401 token_expired", async () => {
        const { app, hooks, any } = setup(options);
        const url = hooks.callbackUrl({
          provider: "assemblyai",
          baseUrl: "https://x.test",
          expiresIn: "60s",
          now: Date.now() - 120_000,
        });
        expectError(
          await (await agent(app)).post(pathOf(url)).type("json").send(delivery()),
          401,
          "token_expired",
        );
        expect(any).toHaveLength(0);
      });
      it("tampered → 401 token_invalid", async () => {
        const { app, hooks, any } = setup(options);
        const url = new URL(
          hooks.callbackUrl({ provider: "assemblyai", baseUrl: "https://x.test", metadata: { a: "1" } }),
        );
        const [encoded, sig] = url.searchParams.get("sh_token")!.split(".");
        const claims = JSON.parse(Buffer.from(encoded!, "base64url").toString());
        claims.m.a = "2";
        url.searchParams.set(
          "sh_token",
          `${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${sig}`,
        );
        expectError(
          await (await agent(app))
            .post(url.pathname + url.search)
            .type("json")
            .send(delivery()),
          401,
          "token_invalid",
        );
        expect(any).toHaveLength(0);
      });
    });

    it("allowIps: address not allowed → 403; X-Forwarded-For is ignored without trustProxy", async () => {
      const { app, any } = setup({
        providers: { assemblyai: { headers: auth, allowIps: ["203.0.113.9"] } },
      });
      const a = await agent(app);
      expectError(await a.post(PATH).set(auth).type("json").send(delivery()), 403, "ip_not_allowed");
      expectError(
        await a.post(PATH).set(auth).set("x-forwarded-for", "203.0.113.9").type("json").send(delivery()),
        403,
        "ip_not_allowed",
      );
      expect(any).toHaveLength(0);
    });

    it("allowIps with trustProxy: 1 reads the address the proxy recorded", async () => {
      const { app, any } = setup({
        providers: { assemblyai: { headers: auth, allowIps: ["203.0.113.9"] } },
        trustProxy: 1,
      });
      const a = await agent(app);
      const res = await a
        .post(PATH)
        .set(auth)
        .set("x-forwarded-for", "6.6.6.6, 203.0.113.9")
        .type("json")
        .send(delivery());
      expect(res.status).toBe(200);
      // the client-written left-most entry is not trusted with a proxy count
      expectError(
        await a
          .post(PATH)
          .set(auth)
          .set("x-forwarded-for", "203.0.113.9, 6.6.6.6")
          .type("json")
          .send(delivery()),
        403,
        "ip_not_allowed",
      );
      expect(any).toHaveLength(1);
    });

    it("allowIps accepts the loopback peer (IPv4-mapped or not)", async () => {
      const { app } = setup({ providers: { assemblyai: { headers: auth, allowIps: ["127.0.0.0/8"] } } });
      expect((await (await agent(app)).post(PATH).set(auth).type("json").send(delivery())).status).toBe(200);
    });
  });

  describe("routing", () => {
    it("no configured provider under the base path → next(): the app's own route or its 404", async () => {
      const { app, rejected } = setup({}, (app, hooks) => {
        app.use(hooks);
        app.get("/webhooks/health", (_req, res) => {
          res.json({ healthy: true });
        });
      });
      const a = await agent(app);
      const health = await a.get("/webhooks/health");
      expect({ status: health.status, body: health.body }).toEqual({ status: 200, body: { healthy: true } });
      for (const path of ["/webhooks/gladia", "/webhooks/nope", "/webhooks", "/webhooks/assemblyai/extra"]) {
        const res = await a.post(path).set(auth).type("json").send(delivery());
        expect(res.status).toBe(404);
        expect(res.body?.error?.code).toBeUndefined();
      }
      expect(rejected).toHaveLength(0);
    });

    it("method the provider never uses → 405 + Allow", async () => {
      const { app } = setup();
      const a = await agent(app);
      const get = await a.get(PATH).set(auth);
      expectError(get, 405, "method_not_allowed");
      expect(get.headers.allow).toBe("POST");
      const put = await a.put(PATH).set(auth).type("json").send(delivery());
      expectError(put, 405, "method_not_allowed");
      expect(put.headers.allow).toBe("POST");
    });

    it("path outside the base path → next()", async () => {
      const { app } = setup();
      const a = await agent(app);
      const other = await a.get("/other");
      expect(other.status).toBe(200);
      expect(other.text).toBe("other route");
      // not under /webhooks/ although it starts with the same letters: Express's own 404
      const near = await a.post("/webhooksx/assemblyai").set(auth).type("json").send(delivery());
      expect(near.status).toBe(404);
      expect(near.text).not.toContain('"error"');
    });

    it("mounted under a prefix: app.use('/api', hooks)", async () => {
      const { app, completed, hooks } = setup(
        { providers: { assemblyai: { urlToken: true } }, urlTokenSecret: URL_SECRET },
        (app, hooks) => app.use("/api", hooks),
      );
      const a = await agent(app);
      const url = new URL(
        hooks.callbackUrl({ provider: "assemblyai", baseUrl: "https://x.test/api", metadata: { k: "v" } }),
      );
      expect(url.pathname).toBe(`/api${PATH}`);
      const res = await a
        .post(url.pathname + url.search)
        .type("json")
        .send(delivery());
      expect(res.status).toBe(200);
      expect(completed[0]!.metadata).toEqual({ k: "v" });
      // outside the prefix, the middleware never runs
      const outside = await a
        .post(PATH + url.search)
        .type("json")
        .send(delivery());
      expect(outside.status).toBe(404);
      expect(outside.text).not.toContain('"error"');
      expect((await a.get("/other")).text).toBe("other route");
    });

    it("a custom base path", async () => {
      const { app } = setup({ path: "/hooks/stt" });
      const a = await agent(app);
      expect((await a.post("/hooks/stt/assemblyai").set(auth).type("json").send(delivery())).status).toBe(
        200,
      );
      expect((await a.post(PATH).set(auth).type("json").send(delivery())).status).toBe(404);
    });
  });

  describe("body", () => {
    it("declared Content-Length over the limit → 413 before the body is sent", async () => {
      const { app, any } = setup({ maxBodyBytes: 1024 });
      const server = await listen(app);
      // Headers only: the body never comes. An answer proves nothing was waited for, let alone read.
      const res = await rawRequest(
        server,
        { ...auth, "content-type": "application/json", "content-length": 4096 },
        (req) => req.flushHeaders(),
      );
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe("body_too_large");
      expect(res.headers.connection).toBe("close");
      expect(any).toHaveLength(0);
    });

    it("declared Content-Length over the limit → 413 through supertest too", async () => {
      const { app } = setup({ maxBodyBytes: 1024 });
      const body = JSON.stringify({ transcript_id: "tr_big", status: "completed", pad: "x".repeat(2000) });
      expectError(
        await (await agent(app)).post(PATH).set(auth).type("json").send(body),
        413,
        "body_too_large",
      );
    });

    it("chunked body over the limit → 413, cut without reading it all", async () => {
      const { app, any } = setup({ maxBodyBytes: 1024 });
      const server = await listen(app);
      let written = 0;
      const res = await rawRequest(server, { ...auth, "content-type": "application/json" }, (req) => {
        // chunked: no Content-Length; keep writing until the server answers
        const pump = () => {
          if (req.destroyed || written > 1024 * 1024) return;
          written += 512;
          req.write(Buffer.alloc(512, 0x20), () => setImmediate(pump));
        };
        req.on("response", () => {
          written = Number.POSITIVE_INFINITY;
        });
        pump();
      });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe("body_too_large");
      expect(any).toHaveLength(0);
    });

    it("body not readable in time → 408 (a client trickling bytes)", async () => {
      const { app, any } = setup({ bodyTimeout: "150ms" });
      const server = await listen(app);
      let timer: NodeJS.Timeout | undefined;
      const res = await rawRequest(
        server,
        { ...auth, "content-type": "application/json", "content-length": 1000 },
        (req) => {
          timer = setInterval(() => {
            if (!req.destroyed) req.write(" ");
          }, 20);
          req.on("response", () => clearInterval(timer));
        },
      );
      clearInterval(timer);
      expect(res.status).toBe(408);
      expect(JSON.parse(res.body).error.code).toBe("body_timeout");
      expect(any).toHaveLength(0);
    });

    it("malformed JSON or missing job id → 400", async () => {
      const { app, any } = setup();
      const a = await agent(app);
      expectError(await a.post(PATH).set(auth).type("json").send('{"transcript_id":'), 400, "body_malformed");
      expectError(
        await a.post(PATH).set(auth).type("json").send('{"status":"completed"}'),
        400,
        "job_id_missing",
      );
      expectError(await a.post(PATH).set(auth).type("json").send("null"), 400, "body_malformed");
      expectError(
        await a.post(PATH).set(auth).set("content-type", "application/xml").send("<x/>"),
        415,
        "unsupported_media_type",
      );
      expect(any).toHaveLength(0);
    });

    it("express.json() mounted first → 500 body_already_parsed, the message naming express.json()", async () => {
      const { app, any } = setup({}, (app, hooks) => {
        app.use(express.json());
        app.use(hooks);
      });
      const res = await (await agent(app)).post(PATH).set(auth).type("json").send(delivery());
      expectError(res, 500, "body_already_parsed");
      expect(res.body.error.message).toContain("express.json()");
      expect(any).toHaveLength(0);
    });

    it("express.json() first with req.rawBody kept → processed", async () => {
      const { app, completed } = setup({}, (app, hooks) => {
        app.use(
          express.json({
            verify: (req, _res, buf) => {
              (req as unknown as { rawBody: Buffer }).rawBody = buf;
            },
          }),
        );
        app.use(hooks);
      });
      const res = await (await agent(app)).post(PATH).set(auth).type("json").send(delivery("tr_raw"));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true });
      expect(completed.map((e) => e.jobId)).toEqual(["tr_raw"]);
    });

    it("express.raw() first → its Buffer is the raw body → processed", async () => {
      const { app, completed } = setup({}, (app, hooks) => {
        app.use(express.raw({ type: "*/*" }));
        app.use(hooks);
      });
      const res = await (await agent(app)).post(PATH).set(auth).type("json").send(delivery("tr_rawparser"));
      expect(res.status).toBe(200);
      expect(completed.map((e) => e.jobId)).toEqual(["tr_rawparser"]);
    });
  });

  it("onRejected receives every refused delivery, without any secret", async () => {
    const { app, rejected } = setup({
      providers: { assemblyai: { headers: auth, urlToken: true } },
      urlTokenSecret: URL_SECRET,
    });
    const a = await agent(app);
    await a.post(PATH).set("x-webhook-token", "wrong").type("json").send(delivery());
    await a.post(PATH).set(auth).type("json").send(delivery());
    await a.get(PATH);
    await a.post("/webhooks/nope").send("{}"); // passed on to the app: not a refusal of scribehook's
    expect(rejected.map((r) => [r.status, r.code])).toEqual([
      [401, "header_mismatch"],
      [401, "token_missing"],
      [405, "method_not_allowed"],
    ]);
    expect(rejected[0]).toMatchObject({ provider: "assemblyai", method: "POST", path: PATH });
    expect(rejected[0]!.ip).toMatch(/127\.0\.0\.1/);
    const text = JSON.stringify(rejected);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});
