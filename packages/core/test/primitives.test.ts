import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as active from "#crypto";
import { readStream as activeReader } from "#read-body";
import * as node from "../src/primitives/crypto-node";
import * as web from "../src/primitives/crypto-web";
import { readStream as nodeReader } from "../src/primitives/read-node";
import { readStream as webReader } from "../src/primitives/read-web";

// The two #crypto modules must give the same bytes for every input; the web one is checked against
// node:crypto here, on Node 20, before any other runtime runs it.

const algorithms = ["sha256", "sha1", "sha512"] as const;
const bytes = fc.uint8Array({ maxLength: 300 });
const part = fc.oneof(fc.string({ maxLength: 100 }), bytes);
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("the primitives this test project runs with", () => {
  it("are the ones vitest.config.ts names for it", () => {
    const web_ = process.env.SCRIBEHOOK_PRIMITIVES === "web";
    expect(active.hmac).toBe(web_ ? web.hmac : node.hmac);
    expect(activeReader).toBe(web_ ? webReader : nodeReader);
  });
});

describe("crypto-web agrees with crypto-node", () => {
  it("hmac: every algorithm, keys of any length, data in parts", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...algorithms),
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 200 }),
          fc.uint8Array({ minLength: 1, maxLength: 200 }),
        ),
        fc.oneof(part, fc.array(part, { maxLength: 5 })),
        async (algorithm, key, data) => {
          expect(hex(await web.hmac(algorithm, key, data))).toBe(hex(await node.hmac(algorithm, key, data)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("hmacSync (the JavaScript SHA-256 on the web side) and sha256Sync", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), bytes),
        fc.oneof(part, fc.array(part, { maxLength: 4 })),
        (key, data) => {
          expect(hex(web.hmacSync("sha256", key, data))).toBe(hex(node.hmacSync("sha256", key, data)));
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (data) => {
        expect(hex(web.sha256Sync(data))).toBe(hex(node.sha256Sync(data)));
      }),
      { numRuns: 200 },
    );
    expect(() => web.hmacSync("sha1", "k", "d")).toThrow(TypeError);
  });

  it("sha256 and timingSafeEqual", async () => {
    for (const data of ["", "abc", "é".repeat(100), new Uint8Array(1000).fill(7)]) {
      expect(hex(await web.sha256(data))).toBe(hex(await node.sha256(data)));
    }
    for (const [a, b] of [
      [
        [1, 2, 3],
        [1, 2, 3],
      ],
      [
        [1, 2, 3],
        [1, 2, 4],
      ],
      [
        [1, 2, 3],
        [1, 2],
      ],
      [[], []],
    ]) {
      const [x, y] = [new Uint8Array(a!), new Uint8Array(b!)];
      expect(web.timingSafeEqual(x, y)).toBe(node.timingSafeEqual(x, y));
    }
  });
});
