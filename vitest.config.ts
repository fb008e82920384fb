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
    // Coverage gate for core (lines and branches >= 90 %), collected by the same `pnpm test` run:
    // on in CI (.ci/run sets CI=true), or locally with `pnpm test --coverage`.
    coverage: {
      enabled: process.env.CI === "true",
      provider: "v8",
      include: ["packages/core/src/**/*.ts"],
      reporter: ["text-summary", "json-summary"],
      reportsDirectory: ".tmp/coverage",
      thresholds: { lines: 90, branches: 90 },
      reportOnFailure: true, // the figure is worth seeing even when a test failed
    },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
