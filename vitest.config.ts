import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));
const primitive = (file: string) =>
  fileURLToPath(new URL(`./packages/core/src/primitives/${file}.ts`, import.meta.url));

// Tests run against the sources, so `pnpm test` needs no build step.
export default defineConfig({
  resolve: {
    alias: {
      "@scribehook/core": src("core"),
      "@scribehook/express": src("express"),
      "@scribehook/koa": src("koa"),
      "@scribehook/fastify": src("fastify"),
      "@scribehook/redis": src("redis"),
      "@scribehook/testing": src("testing"),
      // core's package.json `imports` pick these per runtime in the build; the sources use Node's.
      "#crypto": primitive("crypto-node"),
      "#read-body": primitive("read-node"),
    },
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
