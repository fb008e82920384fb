import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Tests run against the sources, so `pnpm test` needs no build step.
export default defineConfig({
  resolve: {
    alias: {
      "@scribehook/core": src("core"),
      "@scribehook/express": src("express"),
      "@scribehook/koa": src("koa"),
      "@scribehook/fastify": src("fastify"),
      "@scribehook/redis": src("redis"),
      "@scribehook/bullmq": src("bullmq"),
      "@scribehook/testing": src("testing"),
    },
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    // Type tests (`*.test-d.ts`): tsc checks their expectTypeOf assertions as part of `pnpm test`.
    typecheck: {
      enabled: true,
      include: ["packages/*/test/**/*.test-d.ts", "test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
