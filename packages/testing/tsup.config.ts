import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base";

export default defineConfig({
  ...packageBuild,
  // cli: the `scribehook` binary (bin in package.json); its shebang is kept by esbuild.
  entry: { index: "src/index.ts", cli: "src/cli/main.ts" },
  dts: { entry: { index: "src/index.ts" } },
});
