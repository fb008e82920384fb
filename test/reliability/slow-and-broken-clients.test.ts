/**
 * Clients that trickle or vanish: a body slower than bodyTimeout gets 408, a connection dropped
 * mid-body runs no handler and leaves no claim behind, and the server keeps serving.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { type AddressInfo, Socket } from "node:net";
import type { RejectedDelivery } from "@scribehook/core";
import { type ExpressTranscriptionWebhook, transcriptionWebhook } from "@scribehook/express";
import { redisStore } from "@scribehook/redis";
import express from "express";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemblyaiDelivery, send } from "../support/assemblyai-delivery";
import { type RedisServer, startRedisServer } from "../support/redis-server";

const TOKEN = "slow-token";
const PREFIX = `slow:${randomUUID()}:`;
let redisServer: RedisServer;
let redis: Redis;
let server: Server;
let url: string;
let port: number;
let hooks: ExpressTranscriptionWebhook;
const handled: string[] = [];

beforeAll(async () => {
  redisServer = await startRedisServer();
  redis = new Redis(redisServer.port, "127.0.0.1", { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on("error", () => {});
  await new Promise((r) => redis.once("ready", r));
  hooks = transcriptionWebhook({
    providers: { assemblyai: { headers: { "x-webhook-token": TOKEN } } },
    store: redisStore(redis, { prefix: PREFIX }),
    bodyTimeout: "400ms",
  });
  hooks.onAny((event) => {
    handled.push(event.jobId);
  });
  server = createServer(express().use(hooks)).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  redis?.disconnect();
  await redisServer?.dispose();
});

/** The request head of an AssemblyAI delivery whose body is `length` bytes. */
const head = (length: number) =>
  "POST /webhooks/assemblyai HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
  `x-webhook-token: ${TOKEN}\r\nContent-Length: ${length}\r\n\r\n`;

/** Opens a raw connection; `response` resolves with everything the server sent once it closes. */
function connect(): Promise<{ socket: Socket; response: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let received = "";
    const response = new Promise<string>((done) => {
      socket.on("data", (d) => {
        received += d.toString();
      });
      socket.on("close", () => done(received));
    });
    socket.once("error", reject);
    socket.connect(port, "127.0.0.1", () => resolve({ socket, response }));
  });
}

const nextRejection = () =>
  new Promise<RejectedDelivery>((resolve) => {
    const off = hooks.onRejected((r) => {
      off();
      resolve(r);
    });
  });

const keysUnderPrefix = () => redis.keys(`${PREFIX}*`);

describe("slow and broken clients", () => {
  it("a body trickled slower than bodyTimeout gets 408, runs no handler, and leaves no claim", async () => {
    const jobId = `trickle-${randomUUID()}`;
    const body = JSON.stringify({ transcript_id: jobId, status: "completed" });
    const { socket, response } = await connect();
    socket.write(head(body.length));
    // One byte every 100 ms: the whole body would take seconds, the timeout is 400 ms.
    let i = 0;
    const trickle = setInterval(() => {
      if (i < body.length && !socket.destroyed) socket.write(body[i++]!);
    }, 100);
    socket.on("close", () => clearInterval(trickle));
    const text = await response;
    clearInterval(trickle);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(text).toContain('"code":"body_timeout"');
    expect(i).toBeLessThan(body.length);
    expect(handled).not.toContain(jobId);
    expect(await keysUnderPrefix()).toEqual([]);
    // The same delivery sent properly afterwards is processed: nothing was claimed for it.
    const ok = await send(url, assemblyaiDelivery(TOKEN, jobId));
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true });
  });

  it("a connection dropped mid-body runs no handler, leaks no claim, and the server stays up", async () => {
    const jobId = `dropped-${randomUUID()}`;
    const body = JSON.stringify({ transcript_id: jobId, status: "completed", text: "x".repeat(5000) });
    const rejected = nextRejection();
    const { socket } = await connect();
    socket.write(head(body.length));
    socket.write(body.slice(0, 2000));
    socket.destroy();
    const rejection = await rejected;
    expect(rejection.code).toBe("body_aborted");
    expect(rejection.provider).toBe("assemblyai");
    expect(handled).not.toContain(jobId);
    expect(await keysUnderPrefix()).not.toContain(`${PREFIX}assemblyai:${jobId}:completed`);

    const retry = await send(url, assemblyaiDelivery(TOKEN, jobId));
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ ok: true });
    expect(handled.filter((j) => j === jobId)).toHaveLength(1);
  });

  it("many connections dropped at once, at every stage of the body: the server keeps serving", async () => {
    const body = JSON.stringify({ transcript_id: `many-${randomUUID()}`, status: "completed" });
    const before = handled.length;
    const drops = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const { socket, response } = await connect();
        socket.write(head(body.length));
        socket.write(body.slice(0, i % body.length));
        socket.destroy();
        return response;
      }),
    );
    expect(drops).toHaveLength(30);
    expect(handled.length).toBe(before);
    const ok = await send(url, assemblyaiDelivery(TOKEN, `after-drops-${randomUUID()}`));
    expect(ok.status).toBe(200);
  });
});
