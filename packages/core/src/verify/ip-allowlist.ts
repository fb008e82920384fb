import { BlockList, isIP } from "node:net";

/**
 * Builds a matcher for a list of IPv4/IPv6 addresses and CIDR ranges. IPv4-mapped IPv6 addresses
 * (`::ffff:1.2.3.4`, how dual-stack servers report IPv4 peers) match their IPv4 entries.
 * Throws a `TypeError` naming the first entry that is not an address or range.
 *
 * @example
 * ```ts
 * const allowed = ipAllowList(["44.238.19.20", "10.0.0.0/8", "2001:db8::/32"]);
 * allowed("10.1.2.3"); // true
 * ```
 */
export function ipAllowList(entries: readonly string[]): (ip: string | undefined) => boolean {
  const list = new BlockList();
  for (const raw of entries) {
    const { address, prefix } = parseEntry(raw);
    const type = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return (ip) => {
    if (!ip) return false;
    const address = unmapIPv4(ip.trim());
    const family = isIP(address);
    if (family === 0) return false;
    return list.check(address, family === 4 ? "ipv4" : "ipv6");
  };
}

/**
 * The client's address: the socket peer, or with `trustProxy` the address your proxies recorded in
 * `X-Forwarded-For`. `true` takes the left-most entry (the original client, as Express's
 * `trust proxy = true` does); a number `n` trusts exactly `n` proxies and takes the `n`-th entry
 * from the right, which a client cannot forge.
 *
 * @example
 * ```ts
 * // one load balancer (10.0.0.5) in front; the client claimed to be 198.51.100.7
 * clientAddress("10.0.0.5", "198.51.100.7, 203.0.113.9", 1); // "203.0.113.9", what the balancer saw
 * ```
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustProxy: boolean | number = false,
): string | undefined {
  if (!trustProxy || !forwardedFor) return socketAddress;
  const hops = forwardedFor
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (hops.length === 0) return socketAddress;
  if (trustProxy === true) return hops[0];
  return hops[Math.max(0, hops.length - trustProxy)];
}

/**
 * One entry → address and prefix. The prefix must be plain decimal digits: `Number()` would read
 * `"10.0.0.1/"` as /0 (everything) and `"/0x10"` as /16. An IPv4-mapped range (`::ffff:10.0.0.0/104`)
 * becomes its IPv4 range (`10.0.0.0/8`), since peers are unmapped before the check.
 */
function parseEntry(raw: unknown): { address: string; prefix: number | undefined } {
  const invalid = () =>
    new TypeError(`allowIps: ${JSON.stringify(raw)} is not an IPv4/IPv6 address or CIDR range`);
  if (typeof raw !== "string") throw invalid();
  const entry = raw.trim();
  const slash = entry.indexOf("/");
  const written = slash === -1 ? entry : entry.slice(0, slash);
  const prefixText = slash === -1 ? undefined : entry.slice(slash + 1);
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) throw invalid();
  let prefix = prefixText === undefined ? undefined : Number(prefixText);
  const address = unmapIPv4(written);
  const family = isIP(address);
  if (family === 0) throw invalid();
  if (address !== written && prefix !== undefined) {
    if (prefix < 96) throw invalid();
    prefix -= 96;
  }
  if (prefix !== undefined && prefix > (family === 4 ? 32 : 128)) throw invalid();
  return { address, prefix };
}

const unmapIPv4 = (ip: string) => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? ip.slice(7) : ip);
