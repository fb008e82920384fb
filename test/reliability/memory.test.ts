/**
 * Memory stays bounded by the body limit: each test runs the receiver in its own process (an
 * Express app, see test/support/webhook-app-process.ts) and reads that process's peak RSS.
 */
import { request } from "node:http";
import { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type AppProcess, startAppProcess } from "../support/app-process";

const TOKEN = "memory-token";
const MB = 1024 * 1024;
const BODY_BYTES = 10 * MB;
const CONCURRENT = 20;
/**
 * What the process may use beyond its idle RSS and the 20 bodies themselves: garbage V8 has not
 * collected yet (each body's socket chunks once copied, the text JSON.parse reads, the
 * parsed strings once a handler is done), and socket buffers. Measured on the development machine
 * (Node 20, 2 cores, idle RSS 93–125 MB): the peak exceeded idle + 200 MB by 30–124 MB over six
 * runs, the spread being when V8 happens to collect. The bound adds headroom for a loaded CI host.
 * A receiver that kept a second copy of every body alive, or buffered an oversized one, exceeds it.
 */
const FIXED_OVERHEAD = 192 * MB;

let app: AppProcess | undefined;
afterEach(async () => {
  await app?.kill("SIGKILL");
  app = undefined;
});

const post = (body: Buffer) =>
  fetch(`${app!.url}/webhooks/assemblyai`, {
    method: "POST",
    headers: { "x-webhook-token": TOKEN, "content-type": "application/json" },
    body: body as unknown as BodyInit, // a Buffer is a Uint8Array; the DOM types disagree
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

/** A 10 MB AssemblyAI delivery: a long transcript text makes up the size. */
function bigDelivery(jobId: string): Buffer {
  const shell = JSON.stringify({ transcript_id: jobId, status: "completed", text: "" });
  return Buffer.from(shell.replace('"text":""', `"text":"${"a".repeat(BODY_BYTES - shell.length)}"`));
}

/** Sends a request head declaring `declared` bytes and a first 64 KB of body; resolves with the reply. */
function declareHuge(port: number, declared: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let reply = "";
    socket.on("data", (d) => {
      reply += d.toString();
    });
    socket.on("error", () => {});
    socket.on("close", () => resolve(reply));
    socket.connect(port, "127.0.0.1", () => {
      socket.write(
        "POST /webhooks/assemblyai HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
          `x-webhook-token: ${TOKEN}\r\nContent-Length: ${declared}\r\n\r\n`,
      );
      socket.write(Buffer.alloc(64 * 1024, 0x61));
    });
  });
}

describe("memory", () => {
  it(`${CONCURRENT} concurrent 10 MB deliveries keep peak RSS under idle + ${CONCURRENT} × 10 MB + ${FIXED_OVERHEAD / MB} MB`, async () => {
    app = await startAppProcess({ token: TOKEN, maxBodyBytes: "11mb" });
    // Warm up every code path once (a small and a big delivery), then take the idle figure.
    expect(
      (await post(Buffer.from(JSON.stringify({ transcript_id: "warm", status: "completed" })))).status,
    ).toBe(200);
    expect((await post(bigDelivery("warm-big"))).status).toBe(200);
    await app.resetPeak();
    const idle = await app.stats();

    const bodies = Array.from({ length: CONCURRENT }, (_, i) => bigDelivery(`big-${i}`));
    expect(bodies.every((b) => b.length === BODY_BYTES)).toBe(true);
    const results = await Promise.all(bodies.map(post));
    expect(results.every((r) => r.status === 200 && r.body.ok === true)).toBe(true);
    const after = await app.stats();
    expect(after.handled).toBe(CONCURRENT + 2);

    const growth = after.maxRss - idle.maxRss;
    console.info(
      `memory: idle RSS ${(idle.maxRss / MB).toFixed(0)} MB, peak ${(after.maxRss / MB).toFixed(0)} MB, ` +
        `growth ${(growth / MB).toFixed(0)} MB for ${CONCURRENT} × 10 MB bodies ` +
        `(overhead beyond the bodies: ${((growth - CONCURRENT * BODY_BYTES) / MB).toFixed(0)} MB)`,
    );
    expect(after.maxRss).toBeLessThan(idle.maxRss + CONCURRENT * BODY_BYTES + FIXED_OVERHEAD);
  });

  it("100 requests declaring a 1 GB Content-Length are refused with 413, without memory growth", async () => {
    app = await startAppProcess({ token: TOKEN, maxBodyBytes: "11mb" });
    const port = Number(new URL(app.url).port);
    // Warm up the refusal path, then measure.
    for (const reply of await Promise.all(Array.from({ length: 20 }, () => declareHuge(port, 2 ** 30)))) {
      expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    }
    await app.resetPeak();
    const idle = await app.stats();
    const replies: string[] = [];
    for (let batch = 0; batch < 10; batch++) {
      replies.push(...(await Promise.all(Array.from({ length: 10 }, () => declareHuge(port, 2 ** 30)))));
    }
    expect(replies).toHaveLength(100);
    for (const reply of replies) {
      expect(reply).toMatch(/^HTTP\/1\.1 413 /);
      expect(reply).toContain('"code":"body_too_large"');
    }
    const after = await app.stats();
    expect(after.handled).toBe(0);
    const growth = after.maxRss - idle.maxRss;
    console.info(`memory: 100 × 1 GB declared → peak RSS growth ${(growth / MB).toFixed(1)} MB`);
    // Buffering even 1% of one declared body would be 10 MB; all 100 first chunks together are 6.4 MB.
    expect(growth).toBeLessThan(16 * MB);
  });

  it("200 connections that declare 10 MB, send 1 KB and stall hold no 10 MB each", async () => {
    // The Node reader makes one buffer of the declared length when the first bytes arrive; an
    // attacker who declares the limit and trickles must not make the server hold that much per
    // connection (only what was written is resident).
    app = await startAppProcess({ token: TOKEN, maxBodyBytes: "11mb" });
    const port = Number(new URL(app.url).port);
    await app.resetPeak();
    const idle = await app.stats();
    const sockets = await Promise.all(
      Array.from(
        { length: 200 },
        () =>
          new Promise<Socket>((resolve) => {
            const socket = new Socket();
            socket.on("error", () => {});
            socket.connect(port, "127.0.0.1", () => {
              socket.write(
                "POST /webhooks/assemblyai HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
                  `x-webhook-token: ${TOKEN}\r\nContent-Length: ${10 * MB}\r\n\r\n`,
              );
              socket.write(Buffer.alloc(1024, 0x61), () => resolve(socket));
            });
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 1000)); // the server has read every first kilobyte
    const after = await app.stats();
    for (const socket of sockets) socket.destroy();
    expect(after.handled).toBe(0);
    const growth = after.maxRss - idle.maxRss;
    console.info(`memory: 200 stalled 10 MB bodies → peak RSS growth ${(growth / MB).toFixed(1)} MB`);
    // 200 × 10 MB would be 2 GB; what was sent is 200 KB, plus 200 connections' own state.
    expect(growth).toBeLessThan(64 * MB);
  });

  it("a chunked body with no Content-Length is cut off at the limit with 413, not buffered whole", async () => {
    app = await startAppProcess({ token: TOKEN, maxBodyBytes: "11mb" });
    const port = Number(new URL(app.url).port);
    await app.resetPeak();
    const idle = await app.stats();
    const refusal = app.waitFor((e) => e.event === "rejected");
    // Streams up to 200 MB in 64 KB chunks until the server answers or drops the connection.
    const reply = new Promise<number | "reset">((resolve) => {
      const req = request({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/webhooks/assemblyai",
        headers: {
          "x-webhook-token": TOKEN,
          "content-type": "application/json",
          "transfer-encoding": "chunked",
        },
      });
      let sent = 0;
      let done = false;
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!done && sent < 200 * MB) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!done) req.end();
      };
      req.on("response", (res) => {
        done = true;
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // Closing a socket with unread bytes makes the kernel reset it, which can overtake the 413
      // on its way to a client that is still sending: then only the server's own record tells.
      req.on("error", () => {
        done = true;
        resolve("reset");
      });
      pump();
    });
    expect(await refusal).toMatchObject({ status: 413, code: "body_too_large" });
    expect([413, "reset"]).toContain(await reply);
    const after = await app.stats();
    expect(after.handled).toBe(0);
    const growth = after.maxRss - idle.maxRss;
    console.info(
      `memory: 200 MB chunked body against an 11 MB limit → peak RSS growth ${(growth / MB).toFixed(1)} MB`,
    );
    // At most the limit is held (plus a copy while joining chunks), far from the 200 MB offered.
    expect(growth).toBeLessThan(2 * 11 * MB + 16 * MB);
  });

  it("1 MB job ids: the dedupe store keeps each key bounded (sha256), so 60 of them leave the heap flat", async () => {
    // The old store kept every idempotency key whole: 60 × 1 MB job ids were 60 MB of heap for 7 days.
    app = await startAppProcess({ token: TOKEN, nodeArgs: ["--expose-gc"] });
    const body = (i: number) =>
      Buffer.from(JSON.stringify({ transcript_id: `${i}-${"j".repeat(MB)}`, status: "completed" }));
    for (let i = 0; i < 3; i++) expect((await post(body(-1 - i))).status).toBe(200); // warm-up
    const idle = await app.stats({ gc: true });
    const DELIVERIES = 60;
    for (let batch = 0; batch < DELIVERIES / 5; batch++) {
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => post(body(batch * 5 + i))));
      expect(results.every((r) => r.status === 200 && r.body.ok === true)).toBe(true);
    }
    // Each is remembered: a replay is a duplicate.
    expect((await post(body(0))).body).toEqual({ ok: true, duplicate: true });
    const after = await app.stats({ gc: true });
    expect(after.handled).toBe(DELIVERIES + 3);
    const growth = after.heapUsed - idle.heapUsed;
    console.info(
      `memory: ${DELIVERIES} deliveries with 1 MB job ids → heap after GC grew ${(growth / MB).toFixed(1)} MB`,
    );
    // 60 hashed keys take well under 1 MB; keeping even 10 of the job ids would be 10 MB.
    expect(growth).toBeLessThan(8 * MB);
  }, 60_000);
});
