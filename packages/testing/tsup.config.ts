import { defineConfig } from "tsup";

export default defineConfig({
  // cli: the `scribehook` binary (bin in package.json); its shebang is kept by esbuild.
  entry: { index: "src/index.ts", cli: "src/cli/main.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  target: "node20",
  sourcemap: true,
});
