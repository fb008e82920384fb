/** An address as a number: 32 bits for IPv4, 128 for IPv6. */
interface Address {
  family: 4 | 6;
  value: bigint;
}

interface Range extends Address {
  prefix: number;
}

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
  const ranges = entries.map(parseEntry);
  return (ip) => {
    const address = ip ? parseAddress(ip.trim()) : undefined;
    if (!address) return false;
    return ranges.some(
      (r) => r.family === address.family && sameNetwork(r.value, address.value, r.family, r.prefix),
    );
  };
}

function sameNetwork(a: bigint, b: bigint, family: 4 | 6, prefix: number): boolean {
  const shift = BigInt((family === 4 ? 32 : 128) - prefix);
  return a >> shift === b >> shift;
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
function parseEntry(raw: unknown): Range {
  const invalid = () =>
    new TypeError(`allowIps: ${JSON.stringify(raw)} is not an IPv4/IPv6 address or CIDR range`);
  if (typeof raw !== "string") throw invalid();
  const entry = raw.trim();
  const slash = entry.indexOf("/");
  const written = slash === -1 ? entry : entry.slice(0, slash);
  const prefixText = slash === -1 ? undefined : entry.slice(slash + 1);
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) throw invalid();
  const address = parseAddress(written);
  if (!address) throw invalid();
  const bits = address.family === 4 ? 32 : 128;
  let prefix = prefixText === undefined ? bits : Number(prefixText);
  // A mapped entry was unmapped: its IPv6 prefix counts the 96 bits in front of the IPv4 address.
  if (address.family === 4 && written.includes(":") && prefixText !== undefined) {
    if (prefix < 96) throw invalid();
    prefix -= 96;
  }
  if (prefix > bits) throw invalid();
  return { ...address, prefix };
}

const MAPPED = 0xffffn;

/**
 * An IPv4 address (four decimal octets, no leading zeros) or an IPv6 address (RFC 4291 text forms,
 * `::` and an IPv4 tail included; a zone `%eth0` is ignored), or `undefined`. An IPv4-mapped IPv6
 * address (`::ffff:1.2.3.4`, how dual-stack servers report IPv4 peers) is its IPv4 address.
 */
function parseAddress(text: string): Address | undefined {
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIPv6(text.replace(/%[0-9A-Za-z._~-]+$/, ""));
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === MAPPED) return { family: 4, value: v6 & 0xffffffffn };
  return { family: 6, value: v6 };
}

function parseIPv4(text: string): bigint | undefined {
  const octets = text.split(".");
  if (octets.length !== 4) return undefined;
  let value = 0n;
  for (const octet of octets) {
    if (!/^(0|[1-9]\d{0,2})$/.test(octet) || Number(octet) > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIPv6(text: string): bigint | undefined {
  if (!/^[0-9A-Fa-f:.]{2,45}$/.test(text)) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = wordsOf(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? wordsOf(halves[1]!, true) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const words = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return words.reduce((value, word) => (value << 16n) | BigInt(word), 0n);
}

/** The 16-bit words of colon-separated hex groups; a dotted IPv4 tail (where allowed) is two words. */
function wordsOf(part: string, mayEndInIPv4: boolean): number[] | undefined {
  if (part === "") return [];
  const groups = part.split(":");
  const words: number[] = [];
  for (const [i, group] of groups.entries()) {
    if (mayEndInIPv4 && i === groups.length - 1 && group.includes(".")) {
      const v4 = parseIPv4(group);
      if (v4 === undefined) return undefined;
      words.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(group)) words.push(Number.parseInt(group, 16));
    else return undefined;
  }
  return words;
}
