import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { importDist } from "../dist";
import { handled, type MakeServer } from "./common";
import { receiverOptions } from "./scribehook-options";

/**
 * scribehook's Express middleware with `bullmqQueue()`: the answer waits only for BullMQ to store the
 * job in Redis. Redis runs as the package README recommends (AOF, fsync every second, noeviction), in
 * its own process started here; no worker runs during the measurement (workers live elsewhere in a
 * real deployment, and would compete with the web process for the CPU here). `handled` counts the
 * events stored, so the runner's check (one per acknowledged delivery) holds as without a queue.
 */
export const make: MakeServer = async () => {
  const port = await startRedis();
  const { transcriptionWebhook } = await importDist("express");
  const { bullmqQueue } = await importDist("bullmq");
  const queue = bullmqQueue({ connection: { host: "127.0.0.1", port }, name: "bench" });
  await queue.queue.waitUntilReady();
  const counted = {
    async enqueue(event: unknown) {
      const r = await queue.enqueue(event);
      if (r !== "duplicate") handled.count++;
      return r;
    },
    close: () => queue.close(),
  };
  const app = express();
  app.use(transcriptionWebhook({ ...(await receiverOptions()), queue: counted }));
  return createServer(app);
};

/** Starts redis-server on a free loopback port in a temp directory; it is stopped when this process exits. */
async function startRedis(): Promise<number> {
  const port = await new Promise<number>((resolve) => {
    const s = createNetServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), "scribehook-bench-redis-"));
  const redis = spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "yes",
      "--appendfsync",
      "everysec",
    ].concat(["--maxmemory-policy", "noeviction", "--dir", dir]),
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  process.on("exit", () => {
    redis.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    redis.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("Ready to accept connections")) resolve();
    });
    redis.once("exit", (code) => reject(new Error(`redis-server exited (${code})`)));
  });
  return port;
}
