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
      "@scribehook/bullmq": src("bullmq"),
      "@scribehook/testing": src("testing"),
      // core's package.json `imports` pick these per runtime in the build; the sources use Node's.
      "#crypto": primitive("crypto-node"),
      "#read-body": primitive("read-node"),
      "#deadlines": primitive("deadline-queue"),
    },
  },
  test: {
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
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
          env: { SCRIBEHOOK_PRIMITIVES: "node" },
          // Type tests (`*.test-d.ts`): tsc checks their expectTypeOf assertions as part of `pnpm test`.
          typecheck: {
            enabled: true,
            include: ["packages/*/test/**/*.test-d.ts", "test/**/*.test-d.ts"],
            tsconfig: "./tsconfig.json",
          },
        },
      },
      {
        // The Fetch path again, with the primitives every runtime but Node gets (Web Crypto, the
        // ReadableStream reader), so that they are tested on Node 20 too.
        extends: true,
        resolve: {
          alias: {
            "#crypto": primitive("crypto-web"),
            "#read-body": primitive("read-web"),
            "#deadlines": primitive("deadlines-web"),
          },
        },
        test: {
          name: "web",
          include: [
            "packages/core/test/{fetch,plain-payload,entries,parse-body,multipart,primitives}.test.ts",
            "packages/core/test/{verify,providers}/*.test.ts",
            "test/conformance/{fetch,conformance}.test.ts",
          ],
          env: { CONFORMANCE_ADAPTERS: "fetch (hono)", SCRIBEHOOK_PRIMITIVES: "web" },
        },
      },
    ],
  },
});
