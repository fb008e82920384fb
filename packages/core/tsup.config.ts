import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base";
import { BUILTIN_PROVIDER_IDS } from "./src/providers/ids";

// Entries: the root (every provider), `./fetch` (none), one per provider and one per provider's
// result reader (`./results/<id>`), and the per-runtime
// primitives that package.json `imports` maps `#crypto`, `#read-body` and `#deadlines` to (left as imports here).
const providers = Object.fromEntries(
  BUILTIN_PROVIDER_IDS.map((id) => [`providers/${id}`, `src/providers/${id}.ts`]),
);
const results = Object.fromEntries(
  BUILTIN_PROVIDER_IDS.map((id) => [`results/${id}`, `src/results/${id}.ts`]),
);
const publicEntries = { index: "src/index.ts", fetch: "src/fetch.ts", ...providers, ...results };

export default defineConfig({
  ...packageBuild,
  entry: {
    ...publicEntries,
    "primitives/crypto-node": "src/primitives/crypto-node.ts",
    "primitives/crypto-web": "src/primitives/crypto-web.ts",
    "primitives/read-node": "src/primitives/read-node.ts",
    "primitives/read-web": "src/primitives/read-web.ts",
    "primitives/deadline-queue": "src/primitives/deadline-queue.ts",
    "primitives/deadlines-web": "src/primitives/deadlines-web.ts",
  },
  // The sources import the primitives as #crypto / #read-body / #deadlines; for the declarations (which never
  // mention them) Node's modules stand in. Not in tsconfig.json: bundlers such as esbuild read its
  // paths for dist/ too, and would then take the Node modules for every runtime.
  dts: {
    entry: publicEntries,
    compilerOptions: {
      paths: {
        "#crypto": ["./src/primitives/crypto-node.ts"],
        "#read-body": ["./src/primitives/read-node.ts"],
        "#deadlines": ["./src/primitives/deadline-queue.ts"],
      },
    },
  },
  // One copy of each module (WebhookError included) whichever entries an app imports, in CJS too.
  splitting: true,
  external: ["#crypto", "#read-body", "#deadlines", /^node:/],
  // Neutral output: no `node:` prefix stripped or added by a Node target, nothing Node-only assumed.
  target: "es2022",
  platform: "neutral",
  removeNodeProtocol: false,
});
