import type { Options } from "tsup";

/** Every package builds the same way: ESM + CJS + `.d.ts` for Node 20, from `src/index.ts`. */
export const packageBuild: Options = {
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "node20",
  sourcemap: true,
};
