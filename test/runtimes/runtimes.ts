import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { SECRET_BINDINGS, SECRETS } from "./host/options.js";

// The runtimes of the matrix: where scripts/install-runtimes.sh puts each one, how its bundle is built
// the way users ship it, and the command that serves test/runtimes/host on a given port.
//
// Each runtime gets its own copy of the host app, outside the workspace, with @scribehook/core in its
// node_modules as npm would install it: the package's published files (package.json and dist/), not a
// link to packages/core. A link would let tsconfig-aware bundlers and runtimes (esbuild, wrangler, Bun)
// apply this repository's tsconfig.json `paths` to the package, which no user's bundler does.

const run = promisify(execFile);

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const INSTALLED = join(ROOT, ".tmp/runtimes");
const HOST = join(ROOT, "test/runtimes/host");
const BUNDLES = join(ROOT, ".tmp/runtime-bundles");
/** The Workers compatibility date of the matrix's Worker (wrangler.toml and the workerd config). */
const COMPATIBILITY_DATE = "2026-11-01";

/** The runtimes load the built packages, as users get them from npm: why they cannot, if not built. */
export const notBuilt = existsSync(join(ROOT, "packages/core/dist"))
  ? undefined
  : "the packages are not built: run `npx -y pnpm@10 build` first";

/** How to start one runtime's server: it must answer on 127.0.0.1:`port`. */
export interface Launch {
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
}

export interface Runtime {
  /** Name and version, as the describe block and the README's table show it. */
  label: string;
  /** Why the runtime cannot run here (not installed), or undefined when it can. */
  missing: string | undefined;
  /** PATH entries that put the runtime's commands first (for the examples' `start` scripts). */
  binDir: string;
  /** Builds what the runtime needs (bundles) and says how to serve the host app on `port`. */
  prepare(port: number): Promise<Launch>;
}

const binDirOf = (dir: string) => join(INSTALLED, dir, "node_modules/.bin");
const bin = (dir: string, name: string) => join(binDirOf(dir), name);
const versionOf = (dir: string, pkg: string): string => {
  try {
    const file = join(INSTALLED, dir, "node_modules", pkg, "package.json");
    return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    return "(not installed)";
  }
};
const notInstalled = (dir: string, ...paths: string[]) =>
  paths.every((p) => existsSync(p))
    ? undefined
    : `not installed: run \`bash scripts/install-runtimes.sh ${dir}\` (it puts the runtime in .tmp/runtimes/${dir})`;

/**
 * A fresh copy of the host app for one runtime, in `.tmp/runtime-bundles/<name>`: the host's files, a
 * tsconfig.json of its own, and @scribehook/core's published files in node_modules, with the package's
 * dependencies linked from the workspace install. Returns the folder.
 */
function installApp(name: string): string {
  const dir = join(BUNDLES, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(HOST)) cpSync(join(HOST, file), join(dir, file));
  writeFileSync(join(dir, "tsconfig.json"), "{}\n");

  const coreDir = join(ROOT, "packages/core");
  const core = JSON.parse(readFileSync(join(coreDir, "package.json"), "utf8")) as {
    version: string;
    files: string[];
    dependencies?: Record<string, string>;
  };
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ private: true, type: "module", dependencies: { "@scribehook/core": core.version } })}\n`,
  );
  const installed = join(dir, "node_modules/@scribehook/core");
  mkdirSync(installed, { recursive: true });
  for (const file of ["package.json", ...core.files]) {
    if (existsSync(join(coreDir, file)))
      cpSync(join(coreDir, file), join(installed, file), { recursive: true });
  }
  for (const dep of Object.keys(core.dependencies ?? {})) {
    symlinkSync(realpathSync(join(coreDir, "node_modules", dep)), join(dir, "node_modules", dep));
  }
  return dir;
}

/** Node.js 20 is the Node.js running the tests; 22, 24 and 26 come from the `node` package. */
function nodeRuntime(major: 20 | 22 | 24 | 26): Runtime {
  const dir = `node${major}`;
  const command = major === 20 ? process.execPath : bin(dir, "node");
  const version = major === 20 ? process.versions.node : versionOf(dir, "node");
  return {
    label: `Node.js ${version.startsWith("(") ? `${major} ${version}` : version}`,
    binDir: major === 20 ? dirname(process.execPath) : binDirOf(dir),
    missing:
      major === 20
        ? process.versions.node.startsWith("20.")
          ? undefined
          : `the tests run on Node.js ${process.versions.node}, not 20`
        : notInstalled(dir, command),
    async prepare(port) {
      const app = installApp(dir);
      return { command, args: [join(app, "node.js")], cwd: app, env: { PORT: String(port) } };
    },
  };
}

const deno: Runtime = {
  label: `Deno ${versionOf("deno", "deno")}`,
  binDir: binDirOf("deno"),
  missing: notInstalled("deno", bin("deno", "deno")),
  // Straight from the sources: Deno resolves @scribehook/core through node_modules and package.json
  // like an npm specifier, with its `deno` export condition.
  async prepare(port) {
    const app = installApp("deno");
    return {
      command: bin("deno", "deno"),
      args: ["run", "--allow-net=127.0.0.1", "--allow-env", "--allow-read", join(app, "deno.js")],
      cwd: app,
      env: { PORT: String(port), DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" },
    };
  },
};

const bun: Runtime = {
  label: `Bun ${versionOf("bun", "bun")}`,
  binDir: binDirOf("bun"),
  missing: notInstalled("bun", bin("bun", "bun")),
  async prepare(port) {
    const app = installApp("bun");
    return { command: bin("bun", "bun"), args: [join(app, "bun.js")], cwd: app, env: { PORT: String(port) } };
  },
};

/**
 * Cloudflare Workers: `wrangler deploy --dry-run --outdir` bundles the Worker as a deploy would (with the
 * `workerd`/`worker`/`browser` conditions), then workerd serves that bundle. Wrangler needs Node.js
 * 22.12 or newer, so it runs on the matrix's Node.js 22.
 */
const workerd: Runtime = {
  label: `workerd ${versionOf("workerd", "workerd")} (wrangler ${versionOf("workerd", "wrangler")} bundle)`,
  // wrangler, and the Node.js it needs (22.12 or newer) first.
  binDir: `${binDirOf("node22")}:${binDirOf("workerd")}`,
  missing:
    notInstalled("workerd", bin("workerd", "workerd"), bin("workerd", "wrangler")) ??
    notInstalled("node22", bin("node22", "node")),
  async prepare(port) {
    const out = installApp("workerd");
    writeFileSync(
      join(out, "wrangler.toml"),
      [
        `name = "scribehook-runtime-matrix"`,
        `main = "worker.js"`,
        `compatibility_date = "${COMPATIBILITY_DATE}"`,
        "",
      ].join("\n"),
    );
    await run(
      bin("node22", "node"),
      [bin("workerd", "wrangler"), "deploy", "--dry-run", "--outdir", join(out, "dist")],
      {
        cwd: out,
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
        timeout: 120_000,
      },
    );
    writeFileSync(
      join(out, "config.capnp"),
      [
        `using Workerd = import "/workerd/workerd.capnp";`,
        `const config :Workerd.Config = (`,
        `  services = [(name = "main", worker = .worker)],`,
        `  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],`,
        `);`,
        `const worker :Workerd.Worker = (`,
        `  modules = [(name = "worker.js", esModule = embed "dist/worker.js")],`,
        `  compatibilityDate = "${COMPATIBILITY_DATE}",`,
        // The secrets reach the Worker as `env` bindings, as `wrangler secret put` gives them.
        `  bindings = [`,
        ...Object.entries(SECRET_BINDINGS).map(
          ([key, name]) =>
            `    (name = "${name}", text = ${JSON.stringify(SECRETS[key as keyof typeof SECRETS])}),`,
        ),
        `  ],`,
        `);`,
        "",
      ].join("\n"),
    );
    return {
      command: bin("workerd", "workerd"),
      args: ["serve", join(out, "config.capnp"), "--socket-addr", `http=127.0.0.1:${port}`],
      cwd: out,
    };
  },
};

/**
 * Vercel's edge runtime: an esbuild bundle with the `edge-light` condition (as Vercel and Next.js bundle
 * edge functions), served by the `edge-runtime` CLI.
 */
const edgeRuntime: Runtime = {
  label: `edge-runtime ${versionOf("edge-runtime", "edge-runtime")} (esbuild edge-light bundle)`,
  binDir: binDirOf("edge-runtime"),
  missing: notInstalled("edge-runtime", bin("edge-runtime", "edge-runtime"), bin("edge-runtime", "esbuild")),
  async prepare(port) {
    const out = installApp("edge-runtime");
    const bundle = join(out, "dist/edge.js");
    await run(
      bin("edge-runtime", "esbuild"),
      [
        join(out, "edge.js"),
        "--bundle",
        "--format=iife",
        "--platform=browser",
        "--conditions=edge-light,worker",
        "--log-level=error",
        `--outfile=${bundle}`,
      ],
      { cwd: out, timeout: 60_000 },
    );
    return {
      command: bin("edge-runtime", "edge-runtime"),
      args: ["--listen", bundle, "--host", "127.0.0.1", "--port", String(port)],
      cwd: out,
    };
  },
};

/** Every runtime of the matrix, by the name its test file uses. */
export const runtimes = {
  node20: nodeRuntime(20),
  node22: nodeRuntime(22),
  node24: nodeRuntime(24),
  node26: nodeRuntime(26),
  deno,
  bun,
  workerd,
  "edge-runtime": edgeRuntime,
} satisfies Record<string, Runtime>;
