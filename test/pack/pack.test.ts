import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Packs every package as it would be published (`pnpm pack` rewrites `workspace:` ranges), installs
// the tarballs with npm into a scratch project outside the workspace, and uses them from CommonJS and
// ESM: every export is there, and an Express app built from the tarballs serves one signed delivery.
// Alongside them it installs what the READMEs tell a new user to install (`npm install
// @scribehook/redis ioredis` takes ioredis's latest major, which the peer range must admit) and
// type-checks the Redis README's example as a user's ESM file under `moduleResolution: NodeNext`.

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const PACKAGES = ["core", "express", "koa", "fastify", "redis", "testing"] as const;
const PNPM = ["-y", "pnpm@10"];

let scratch: string;

async function packAll(dest: string): Promise<Record<string, string>> {
  if ((await Promise.all(PACKAGES.map(needsBuild))).some(Boolean)) {
    // CI builds before the tests; here only a fresh or edited tree is built, so the tarballs match src.
    await run("npx", [...PNPM, "run", "build"], { cwd: root });
  }
  const tarballs: Record<string, string> = {};
  await Promise.all(
    PACKAGES.map(async (p) => {
      const out = join(dest, p);
      await mkdir(out, { recursive: true });
      await run("npx", [...PNPM, "pack", "--pack-destination", out], { cwd: join(root, "packages", p) });
      const [file] = (await readdir(out)).filter((f) => f.endsWith(".tgz"));
      tarballs[`@scribehook/${p}`] = join(out, file!);
    }),
  );
  return tarballs;
}

/** True when `dist` is missing or older than a file in `src`. */
async function needsBuild(pkg: string): Promise<boolean> {
  const built = join(root, "packages", pkg, "dist", "index.cjs");
  if (!existsSync(built)) return true;
  const builtAt = (await stat(built)).mtimeMs;
  const src = join(root, "packages", pkg, "src");
  const files = await readdir(src, { recursive: true });
  const times = await Promise.all(files.map(async (f) => (await stat(join(src, f))).mtimeMs));
  return times.some((t) => t > builtAt);
}

// The same program twice, once per module system: it checks the exports and serves one delivery.
const program = (load: string) => `${load}
const TOKEN = "pack-test-token";
const exportsOf = {
  core: ["createReceiver", "defineProvider", "memoryStore", "WebhookError", "signCallbackUrl"],
  express: ["transcriptionWebhook"], koa: ["transcriptionWebhook"], fastify: ["transcriptionWebhook"],
  redis: ["redisStore"], testing: ["signDelivery"],
};
const missing = Object.entries(exportsOf).flatMap(([p, names]) =>
  names.filter((n) => typeof mods[p][n] !== "function").map((n) => p + "." + n));
const app = express();
const hooks = mods.express.transcriptionWebhook({ providers: { assemblyai: { headers: { "x-webhook-token": TOKEN } } } });
const events = [];
hooks.onComplete((e) => { events.push(e.jobId); });
app.use(hooks);
const server = app.listen(0, "127.0.0.1", async () => {
  const d = mods.testing.signDelivery("assemblyai", { headers: { "x-webhook-token": TOKEN }, jobId: "packed-1" });
  const res = await fetch("http://127.0.0.1:" + server.address().port + d.path,
                          { method: d.method, headers: d.headers, body: d.body });
  const fetchRes = await mods.core.createReceiver({ providers: { assemblyai: { headers: { "x-webhook-token": TOKEN } } } })
    .fetch(new Request("http://x" + d.path, { method: d.method, headers: d.headers, body: d.body }));
  // The slim entry with one provider, lazily configured as in a Worker.
  const slimRes = await mods.slim.createReceiver((env) => ({ definitions: [mods.aai.assemblyai],
      providers: { assemblyai: { headers: { "x-webhook-token": env.TOKEN } } } }))
    .fetch(new Request("http://x" + d.path, { method: d.method, headers: d.headers, body: d.body }), { env: { TOKEN } });
  console.log(JSON.stringify({ missing, status: res.status, body: await res.json(), events, fetchStatus: fetchRes.status,
    slimStatus: slimRes.status }));
  server.close();
});
`;

const cjs = program(`const express = require("express");
const mods = Object.fromEntries(["core", "express", "koa", "fastify", "redis", "testing"]
  .map((p) => [p, require("@scribehook/" + p)]));
mods.slim = require("@scribehook/core/fetch");
mods.aai = require("@scribehook/core/providers/assemblyai");`);

const esm = program(`import express from "express";
import * as core from "@scribehook/core";
import * as expressAdapter from "@scribehook/express";
import * as koa from "@scribehook/koa";
import * as fastify from "@scribehook/fastify";
import * as redis from "@scribehook/redis";
import * as testing from "@scribehook/testing";
import * as slim from "@scribehook/core/fetch";
import * as aai from "@scribehook/core/providers/assemblyai";
const mods = { core, express: expressAdapter, koa, fastify, redis, testing, slim, aai };`);

/** The first ```ts block after `heading` in a README of this repository, as a user would copy it. */
function readmeExample(readme: string, heading: string): string {
  const text = readFileSync(join(root, readme), "utf8");
  const block = /```ts\n([\s\S]*?)```/.exec(text.slice(text.indexOf(heading)));
  if (text.indexOf(heading) < 0 || !block) throw new Error(`${readme}: no ts example under "${heading}"`);
  return block[1]!;
}

describe("packed packages", () => {
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "scribehook-pack-"));
    const tarballs = await packAll(join(scratch, "tarballs"));
    const app = join(scratch, "app");
    await mkdir(app);
    const deps = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]));
    await writeFile(
      join(app, "package.json"),
      JSON.stringify({
        name: "scratch",
        private: true,
        dependencies: {
          ...deps,
          express: "^5.1.0",
          // What `npm install @scribehook/redis ioredis` picks: whatever major is current.
          ioredis: "latest",
          "@types/express": "^5.0.0",
          "@types/node": "^20.0.0",
        },
        // The packed packages depend on each other by version (`^0.1.0`): use the tarballs for those too.
        overrides: Object.fromEntries(Object.keys(deps).map((name) => [name, `$${name}`])),
      }),
    );
    await run(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
      { cwd: app },
    );
    await writeFile(join(app, "check.cjs"), cjs);
    await writeFile(join(app, "check.mjs"), esm);
    await writeFile(join(app, "redis-readme.mts"), readmeExample("packages/redis/README.md", "## Use"));
    await writeFile(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
        },
        files: ["redis-readme.mts"],
      }),
    );
  }, 420_000); // build + pack + npm install: minutes on a busy 2-core machine

  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("publish workspace ranges as versions", async () => {
    const installed = JSON.parse(
      await readFile(join(scratch, "app", "node_modules", "@scribehook", "express", "package.json"), "utf8"),
    );
    expect(installed.dependencies["@scribehook/core"]).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(existsSync(join(scratch, "app", "node_modules", "@scribehook", "core", "src"))).toBe(false);
  });

  it("the Redis README's example compiles under moduleResolution NodeNext, with ioredis's current major", async () => {
    const installed = JSON.parse(
      await readFile(join(scratch, "app", "node_modules", "ioredis", "package.json"), "utf8"),
    );
    const latest = (await run("npm", ["view", "ioredis", "version"], { cwd: scratch })).stdout.trim();
    expect(installed.version).toBe(latest);
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const result = await run(process.execPath, [tsc, "-p", "tsconfig.json"], {
      cwd: join(scratch, "app"),
    }).then(
      () => "ok",
      (err: { stdout: string }) => err.stdout,
    );
    expect(result).toBe("ok");
  }, 180_000);

  it("the installed scribehook bin runs the CLI", async () => {
    const bin = join(scratch, "app", "node_modules", ".bin", "scribehook");
    const { stdout } = await run(bin, ["--version"], { cwd: join(scratch, "app") });
    const pkg = JSON.parse(await readFile(join(root, "packages", "testing", "package.json"), "utf8"));
    expect(stdout.trim()).toBe(pkg.version);
  }, 30_000);

  // `--conditions=worker` resolves core's #crypto and #read-body to the web primitives, as a Worker would.
  for (const [file, flags] of [
    ["check.cjs", []],
    ["check.mjs", []],
    ["check.mjs", ["--conditions=worker"]],
  ] as const) {
    it(`${file} ${flags.join(" ")}: every package loads and an Express app serves one delivery`, async () => {
      const { stdout } = await run(process.execPath, [...flags, file], { cwd: join(scratch, "app") });
      expect(JSON.parse(stdout)).toEqual({
        missing: [],
        status: 200,
        body: { ok: true },
        events: ["packed-1"],
        fetchStatus: 200,
        slimStatus: 200,
      });
    }, 30_000);
  }
});
