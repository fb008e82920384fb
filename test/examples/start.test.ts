import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { signDelivery } from "@scribehook/testing";
import { afterEach, describe, expect, it } from "vitest";

// Each example started with its one command (`pnpm --filter <example> start`) on a free port, then sent
// one AssemblyAI delivery and one Gladia delivery to the callback URL it printed.

const root = fileURLToPath(new URL("../..", import.meta.url));
const TOKEN = "example-test-token-1d";

interface Started {
  child: ChildProcess;
  base: string;
  gladiaUrl: string;
  /** Resolves when the example has printed a line matching `pattern`. */
  printed(pattern: RegExp): Promise<string>;
}

function start(example: string): Promise<Started> {
  // Its own process group, so the whole tree (npx → pnpm → node) is ended by this one id.
  const child = spawn("npx", ["-y", "pnpm@10", "--filter", `@scribehook/example-${example}`, "start"], {
    cwd: root,
    env: { ...process.env, PORT: "0", AAI_TOKEN: TOKEN, CALLBACK_URL_SECRET: "example-url-secret" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let stderr = "";
  child.stderr!.on("data", (c) => {
    stderr += c;
  });
  createInterface({ input: child.stdout! }).on("line", (line) => {
    lines.push(line);
    for (const w of waiting.filter((w) => w.pattern.test(line))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(line);
    }
  });
  const printed = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return resolve(seen);
      waiting.push({ pattern, resolve });
      child.once("exit", (code) =>
        reject(new Error(`example exited (${code}) before printing ${pattern}:\n${stderr}`)),
      );
    });
  return (async () => {
    const base = (await printed(/^listening on /)).slice("listening on ".length).replace(/\/$/, "");
    const gladiaUrl = (await printed(/^Gladia callback URL: /)).slice("Gladia callback URL: ".length);
    return { child, base, gladiaUrl, printed };
  })();
}

let running: ChildProcess | undefined;
afterEach(() => {
  if (running?.pid && running.exitCode === null) process.kill(-running.pid, "SIGTERM");
  running = undefined;
});

describe.each(["koa", "fastify", "hono"])("examples/%s", (example) => {
  it("starts with one command and handles deliveries", async () => {
    const app = await start(example);
    running = app.child;
    expect(app.base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const aai = signDelivery("assemblyai", {
      headers: { "x-webhook-token": TOKEN },
      jobId: `${example}-aai`,
    });
    const res = await fetch(app.base + aai.path, {
      method: aai.method,
      headers: aai.headers,
      body: aai.body,
    });
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { ok: true } });
    await app.printed(new RegExp(`^completed: assemblyai ${example}-aai$`));

    const gladia = signDelivery("gladia", {
      callbackUrl: app.gladiaUrl,
      status: "failed",
      jobId: `${example}-gl`,
    });
    const res2 = await fetch(app.base + gladia.path, {
      method: gladia.method,
      headers: gladia.headers,
      body: gladia.body,
    });
    expect(res2.status).toBe(200);
    await app.printed(new RegExp(`^failed: gladia ${example}-gl `));

    const forged = await fetch(app.base + aai.path, {
      method: "POST",
      headers: { ...aai.headers, "x-webhook-token": "forged" },
      body: aai.body,
    });
    expect(forged.status).toBe(401);
    const health = await fetch(`${app.base}/health`);
    expect(await health.json()).toEqual({ ok: true });
  }, 60_000);
});
