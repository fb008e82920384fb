// A benchmark server in its own process (bundled by bench/build.ts, run on plain node): `server.mjs <module>`. Prints
// `PORT <n>` once listening on 127.0.0.1, and `HANDLED <n> CPU <µs>` when stopped with SIGTERM: the
// deliveries its handlers took, and the CPU time (user + system) it spent since it was listening.
import type { AddressInfo } from "node:net";
import { handled, type MakeServer } from "./servers/common";

const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name)) throw new Error("usage: server.ts <server module name>");
const { make } = (await import(`./servers/${name}.ts`)) as { make: MakeServer };
const server = await make();
server.keepAliveTimeout = 60_000;
let cpuAtListen: NodeJS.CpuUsage | undefined;
server.listen(0, "127.0.0.1", () => {
  cpuAtListen = process.cpuUsage();
  process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`);
});
process.on("SIGTERM", () => {
  const cpu = process.cpuUsage(cpuAtListen);
  process.stdout.write(`HANDLED ${handled.count} CPU ${cpu.user + cpu.system}\n`, () => process.exit(0));
});
