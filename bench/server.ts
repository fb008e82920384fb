// A benchmark server in its own process (bundled by bench/build.ts, run on plain node): `server.mjs <module>`. Prints
// `PORT <n>` once listening on 127.0.0.1, and `HANDLED <n>` when stopped with SIGTERM.
import type { AddressInfo } from "node:net";
import { handled, type MakeServer } from "./servers/common";

const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name)) throw new Error("usage: server.ts <server module name>");
const { make } = (await import(`./servers/${name}.ts`)) as { make: MakeServer };
const server = await make();
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`);
});
process.on("SIGTERM", () => {
  process.stdout.write(`HANDLED ${handled.count}\n`, () => process.exit(0));
});
