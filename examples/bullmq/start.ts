import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

// `pnpm --filter @scribehook/example-bullmq start`: one web process and two workers, each its own
// Node process, their output prefixed. Ctrl-C (or SIGTERM) stops all three.
const children: ChildProcess[] = [];

function run(file: string, label: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", file], {
    cwd: import.meta.dirname,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  createInterface({ input: child.stdout! }).on("line", (line) => console.log(`[${label}] ${line}`));
  createInterface({ input: child.stderr! }).on("line", (line) => console.error(`[${label}] ${line}`));
  child.once("exit", (code, signal) => {
    if (!stopping) {
      console.error(`[${label}] exited (${code ?? signal}); stopping the others`);
      stop(1);
    }
  });
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 2000).unref();
}
process.on("SIGINT", () => stop());
process.on("SIGTERM", () => stop());

run("web.ts", "web");
run("worker.ts", "worker-1", { WORKER_NAME: "worker-1" });
run("worker.ts", "worker-2", { WORKER_NAME: "worker-2" });
