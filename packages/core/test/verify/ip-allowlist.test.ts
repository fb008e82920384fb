import { BlockList, isIP } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientAddress, ipAllowList } from "../../src/verify/ip-allowlist";

describe("ipAllowList", () => {
  it("matches single IPv4 addresses only", () => {
    const allowed = ipAllowList(["44.238.19.20", "54.220.25.36"]);
    expect(allowed("44.238.19.20")).toBe(true);
    expect(allowed("54.220.25.36")).toBe(true);
    expect(allowed("44.238.19.21")).toBe(false);
    expect(allowed(undefined)).toBe(false);
    expect(allowed("")).toBe(false);
    expect(allowed("not an ip")).toBe(false);
  });
  it("matches IPv4 CIDR ranges at their edges", () => {
    const allowed = ipAllowList(["10.1.2.0/24"]);
    expect(allowed("10.1.2.0")).toBe(true);
    expect(allowed("10.1.2.255")).toBe(true);
    expect(allowed("10.1.1.255")).toBe(false);
    expect(allowed("10.1.3.0")).toBe(false);
  });
  it("treats /32 as one address and /0 as every IPv4 address (not IPv6)", () => {
    const one = ipAllowList(["192.0.2.7/32"]);
    expect(one("192.0.2.7")).toBe(true);
    expect(one("192.0.2.8")).toBe(false);
    const all = ipAllowList(["0.0.0.0/0"]);
    expect(all("1.2.3.4")).toBe(true);
    expect(all("255.255.255.255")).toBe(true);
    expect(all("2001:db8::1")).toBe(false);
  });
  it("matches IPv6 addresses, /128 and ranges, in any spelling", () => {
    const allowed = ipAllowList(["2001:db8::/32", "2001:db9::1/128", "::1"]);
    expect(allowed("2001:db8:ffff::1")).toBe(true);
    expect(allowed("2001:0db8:0000:0000:0000:0000:0000:0001")).toBe(true);
    expect(allowed("2001:db9::1")).toBe(true);
    expect(allowed("2001:db9::2")).toBe(false);
    expect(allowed("2001:db7::1")).toBe(false);
    expect(allowed("::1")).toBe(true);
    expect(ipAllowList(["::/0"])("2a00::1")).toBe(true);
  });
  it("matches IPv4-mapped IPv6 peers against IPv4 entries, and mapped entries against IPv4 peers", () => {
    const allowed = ipAllowList(["44.238.19.20", "10.0.0.0/8"]);
    expect(allowed("::ffff:44.238.19.20")).toBe(true);
    expect(allowed("::FFFF:10.9.9.9")).toBe(true);
    expect(allowed("::ffff:44.238.19.21")).toBe(false);
    const mapped = ipAllowList(["::ffff:192.0.2.1"]);
    expect(mapped("192.0.2.1")).toBe(true);
    expect(mapped("::ffff:192.0.2.1")).toBe(true);
  });
  it("accepts IPv4-mapped ranges written in IPv6 prefix length", () => {
    const allowed = ipAllowList(["::ffff:10.0.0.0/104"]);
    expect(allowed("10.200.0.1")).toBe(true);
    expect(allowed("::ffff:10.200.0.1")).toBe(true);
    expect(allowed("11.0.0.1")).toBe(false);
  });
  it("throws on invalid entries, naming them", () => {
    for (const bad of [
      "999.1.1.1",
      "1.2.3",
      "10.0.0.0/33",
      "2001:db8::/129",
      "10.0.0.0/-1",
      "10.0.0.0/8.5",
      "10.0.0.1/",
      "10.0.0.0/0x10",
      "10.0.0.0/ 8",
      "example.com",
      "",
      "::ffff:10.0.0.0/95",
    ]) {
      expect(() => ipAllowList([bad]), bad).toThrow(TypeError);
      expect(() => ipAllowList([bad]), bad).toThrow(/allowIps/);
    }
  });
  it("throws a clear error for a non-string entry", () => {
    expect(() => ipAllowList([42 as unknown as string])).toThrow(/allowIps: 42/);
  });
});

// The matcher is plain JavaScript (no node:net, so it runs in every runtime); Node's own parser and
// BlockList are the oracle it must agree with.
describe("ipAllowList agrees with node:net", () => {
  const accepts = (entry: string) => {
    try {
      ipAllowList([entry]);
      return true;
    } catch {
      return false;
    }
  };
  it("accepts exactly the addresses isIP() accepts, in hand-picked spellings", () => {
    for (const text of [
      "01.2.3.4",
      "1.2.3.04",
      "00.0.0.0",
      "1.2.3",
      "0x1.2.3.4",
      "256.1.1.1",
      "1.2.3.4.5",
      "fe80::1%eth0",
      "::ffff:1.2.3.4",
      "1::2:3:4:5:6:7",
      "::",
      "1::",
      "::1::",
      ":1::",
      "1:::2",
      "1:2:3:4:5:6:7:8",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7::",
      "::1:2:3:4:5:6:7",
      "::1.2.3.4",
      "1:2:3:4:5:6:1.2.3.4",
      "1:2:3:4:5:6:7:1.2.3.4",
      "1.2.3.4::",
      "12345::",
      "g::1",
    ]) {
      expect([text, accepts(text)]).toEqual([text, isIP(text) !== 0]);
    }
  });
  it("accepts exactly the addresses isIP() accepts, generated", () => {
    const text = fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.ipV6(), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(text, (t) => t.includes("/") || t !== t.trim() || accepts(t) === (isIP(t) !== 0)),
      { numRuns: 1000 },
    );
  });
  it("matches the same peers as BlockList for generated ranges", () => {
    const v4 = fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 }), fc.ipV4());
    fc.assert(
      fc.property(v4, ([net, prefix, peer]) => {
        const list = new BlockList();
        list.addSubnet(net, prefix, "ipv4");
        return ipAllowList([`${net}/${prefix}`])(peer) === list.check(peer, "ipv4");
      }),
      { numRuns: 1000 },
    );
    const v6 = fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 }), fc.ipV6());
    fc.assert(
      fc.property(v6, ([net, prefix, peer]) => {
        const list = new BlockList();
        list.addSubnet(net, prefix, "ipv6");
        const mapped = (a: string) => /^::ffff:\d/i.test(a) || /^(0{1,4}:){5}ffff:/i.test(a);
        // Mapped addresses are IPv4 to the matcher (a dual-stack peer), not to BlockList.
        if (mapped(net) || mapped(peer)) return true;
        return ipAllowList([`${net}/${prefix}`])(peer) === list.check(peer, "ipv6");
      }),
      { numRuns: 1000 },
    );
  });
});

describe("clientAddress", () => {
  it("uses the socket address when trustProxy is off, whatever X-Forwarded-For says (spoofing)", () => {
    expect(clientAddress("203.0.113.9", "44.238.19.20", false)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", "44.238.19.20", 0)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", "44.238.19.20")).toBe("203.0.113.9");
    // and spoofing gets nowhere with the allowlist
    expect(ipAllowList(["44.238.19.20"])(clientAddress("203.0.113.9", "44.238.19.20", false))).toBe(false);
  });
  it("takes the left-most entry with trustProxy true", () => {
    expect(clientAddress("10.0.0.5", "198.51.100.7, 203.0.113.9", true)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.5", " 198.51.100.7 ", true)).toBe("198.51.100.7");
  });
  it("trusts exactly n proxies with a number: the n-th entry from the right, which a client cannot forge", () => {
    expect(clientAddress("10.0.0.5", "198.51.100.7, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.5", "198.51.100.7, 203.0.113.9, 10.0.0.4", 2)).toBe("203.0.113.9");
    // more proxies configured than entries: the left-most one
    expect(clientAddress("10.0.0.5", "203.0.113.9", 3)).toBe("203.0.113.9");
  });
  it("falls back to the socket address without a usable X-Forwarded-For", () => {
    expect(clientAddress("10.0.0.5", undefined, true)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", "", 1)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", " , ", 1)).toBe("10.0.0.5");
  });
});
