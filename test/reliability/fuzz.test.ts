/**
 * Fuzzing receiver.handle with fast-check: whatever arrives, the receiver answers (never throws),
 * never with a 5xx, never leaks a secret, and never runs a handler for an unauthenticated delivery.
 */
import { createHmac, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { builtinProviders, type WebhookRequest, type WebhookResponse } from "@scribehook/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fixtureProviders,
  fixtureReceiver,
  instantTranscriberHeaders,
  leaksSecret,
  SECRETS,
  signedPath,
} from "./fixture";

const PROVIDERS = Object.keys(builtinProviders);

/**
 * Signatures over arbitrary bytes, the two schemes the fuzzer signs. Signed here by hand, not by
 * `signDelivery()`, on purpose: the fuzzer's bodies are any bytes (not valid UTF-8 text, often), and
 * the builder's deliveries are text, as every provider sends them.
 */
const signBytes = {
  instanttranscriber: (raw: Buffer) => ({
    "content-type": "application/json",
    "x-instanttranscriber-signature": `sha256=${createHmac("sha256", SECRETS.hmac).update(raw).digest("hex")}`,
  }),
  standardwebhooks: (raw: Buffer): Record<string, string> => {
    const id = `msg_${randomUUID()}`;
    const t = String(Math.floor(Date.now() / 1000));
    const key = Buffer.from(SECRETS.whsec.slice("whsec_".length), "base64");
    const mac = createHmac("sha256", key).update(`${id}.${t}.`).update(raw).digest("base64");
    return {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": t,
      "webhook-signature": `v1,${mac}`,
    };
  },
};

// ---- arbitraries -------------------------------------------------------------------------------

const method = fc.oneof(
  fc.constantFrom("POST", "PUT", "GET", "DELETE", "PATCH", "OPTIONS", "HEAD", "post", "pUt", "TRACE", ""),
  fc.string({ maxLength: 12 }),
);

const path = fc.oneof(
  fc.constantFrom(...PROVIDERS).map((p) => `/webhooks/${p}`),
  fc
    .tuple(fc.constantFrom(...PROVIDERS), fc.string({ maxLength: 40 }))
    .map(([p, q]) => `/webhooks/${p}?${q}`),
  fc
    .tuple(fc.constantFrom(...PROVIDERS), fc.string({ maxLength: 60 }))
    .map(([p, t]) => `/webhooks/${p}?sh_token=${encodeURIComponent(t)}`),
  fc.constantFrom(
    "/webhooks",
    "/webhooks/",
    "/webhooks//assemblyai",
    "/webhooks/assemblyai/",
    "/webhooks/assemblyai/extra",
    "/webhooks/../webhooks/assemblyai",
    "/webhooks/%2e%2e/assemblyai",
    "/webhooks/ASSEMBLYAI",
    "/webhooks/__proto__",
    "/webhooks/constructor",
    "/webhooks/hasOwnProperty",
    "//evil.example/webhooks/assemblyai",
    "http://[::1/webhooks/assemblyai",
    "https://h.example/webhooks/assemblyai?x=%zz",
    "",
    "?",
    "%",
  ),
  fc.string({ maxLength: 80 }),
  fc.webUrl({ withQueryParameters: true }),
);

const headerName = fc.oneof(
  fc.constantFrom(
    "content-type",
    "Content-Type",
    "content-length",
    "x-webhook-token",
    "X-WEBHOOK-TOKEN",
    "authorization",
    "x-instanttranscriber-signature",
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
    "svix-signature",
    "x-forwarded-for",
    "dg-token",
    "__proto__",
    "constructor",
    "toString",
  ),
  fc.string({ minLength: 1, maxLength: 20 }),
);

const headerValue = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    "application/json",
    "application/json; charset=utf-8",
    "application/x-www-form-urlencoded",
    "text/plain",
    "multipart/form-data; boundary=x",
    "application/octet-stream",
    "application/vnd.x+json",
    "-1",
    "0",
    "1e999",
    "99999999999999999999",
    "NaN",
    "sha256=",
    `sha256=${"0".repeat(64)}`,
    "v1,",
    `v1,${"A".repeat(44)}`,
    "Bearer ",
    SECRETS.aaiToken.toUpperCase(),
    `${SECRETS.aaiToken} `,
    `${SECRETS.aaiToken}, ${SECRETS.aaiToken}`,
  ),
  fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
);

const headers = fc.dictionary(headerName, headerValue, { maxKeys: 8 });

/** Bodies, as bytes; how they are handed over is chosen separately. */
const deepJson = fc
  .integer({ min: 1, max: 20_000 })
  .chain((depth) =>
    fc.constantFrom(
      "[".repeat(depth) + "]".repeat(depth),
      `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`,
      `{"transcript_id":"x","status":"completed","d":${"[".repeat(depth)}${"]".repeat(depth)}}`,
      `${'{"__proto__":'.repeat(depth)}{}${"}".repeat(depth)}`,
    ),
  );
const hugeNumbers = fc.constantFrom(
  '{"transcript_id":1e400,"status":"completed"}',
  '{"transcript_id":123456789012345678901234567890,"status":-1e-400}',
  '{"id":9007199254740993,"status":"completed","job_id":1e308}',
  "1e999999",
  "-0",
  "123456789012345678901234567890123456789",
);
const protoKeys = fc.constantFrom(
  '{"__proto__":{"polluted":true},"transcript_id":"p","status":"completed"}',
  '{"constructor":{"prototype":{"polluted":true}},"transcript_id":"p","status":"completed"}',
  '{"status":{"toString":1,"valueOf":2},"transcript_id":"p"}',
  '{"status":{"__proto__":null},"transcript_id":{"toString":"x"}}',
  "__proto__[polluted]=1&constructor[prototype][polluted]=1&status=completed",
  '{"transcript_id":"t","status":"completed","metadata":{"__proto__":{"admin":true}}}',
);
const invalidUtf8 = fc.constantFrom(
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]), // {"\xc3(":1}
  Buffer.concat([Buffer.from('{"transcript_id":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
  Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), // BOM + {}
);
const bodyBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.constant(new Uint8Array(0)),
  fc.uint8Array({ maxLength: 512 }),
  fc.string({ maxLength: 300, unit: "binary" }).map((s) => Buffer.from(s)),
  fc.json({ maxDepth: 6 }).map((s) => Buffer.from(s)),
  deepJson.map((s) => Buffer.from(s)),
  hugeNumbers.map((s) => Buffer.from(s)),
  protoKeys.map((s) => Buffer.from(s)),
  invalidUtf8,
  fc.constant(Buffer.alloc(70 * 1024, 0x20)), // over the fixture's 64 KB limit
);

type BodyMode = "none" | "bytes" | "string" | "node-stream" | "iterable" | "web-stream";
const bodyMode = fc.constantFrom<BodyMode>(
  "none",
  "bytes",
  "string",
  "node-stream",
  "iterable",
  "web-stream",
);

/** Builds the body fresh for each run: a stream can be read only once. */
function makeBody(bytes: Uint8Array, mode: BodyMode): WebhookRequest["body"] {
  const buf = Buffer.from(bytes);
  const chunks = [buf.subarray(0, Math.floor(buf.length / 2)), buf.subarray(Math.floor(buf.length / 2))];
  switch (mode) {
    case "none":
      return undefined;
    case "bytes":
      return buf;
    case "string":
      return buf.toString("latin1");
    case "node-stream":
      return Readable.from(chunks);
    case "iterable":
      return (async function* () {
        yield* chunks;
      })();
    case "web-stream":
      return new ReadableStream<Uint8Array>({
        start(controller) {
          for (const c of chunks) controller.enqueue(new Uint8Array(c));
          controller.close();
        },
      });
  }
}

const ip = fc.oneof(
  fc.constant(undefined),
  fc.ipV4(),
  fc.ipV6(),
  fc.string({ maxLength: 20 }),
  fc.constantFrom("::ffff:127.0.0.1", "010.0.0.1", "0.0.0.0", "255.255.255.255"),
);

// ---- checks ------------------------------------------------------------------------------------

/** What the documented status table allows when nothing about the request is authentic. */
const UNAUTHENTICATED_STATUSES = new Set([400, 401, 403, 404, 405, 408, 413]);

function expectWellFormed(res: WebhookResponse): void {
  expect(typeof res.status).toBe("number");
  expect(res.status).toBeLessThan(500);
  expect(leaksSecret(res.body)).toBe(false);
  expect(leaksSecret(JSON.stringify(res.headers))).toBe(false);
  if (res.status >= 400) {
    const parsed = JSON.parse(res.body);
    expect(typeof parsed.error.code).toBe("string");
    expect(typeof parsed.error.message).toBe("string");
  }
  if (res.status === 405) expect(res.headers.allow).toBeTruthy();
}

// FUZZ_RUNS=20000 for a longer hunt; the default keeps `pnpm test` quick.
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 400) };

describe("fuzzing receiver.handle", () => {
  it("arbitrary requests: always an answer, never a 5xx, never a handler call", async () => {
    const { receiver, calls } = fixtureReceiver();
    await fc.assert(
      fc.asyncProperty(method, path, headers, bodyBytes, bodyMode, ip, async (m, p, h, bytes, mode, addr) => {
        const res = await receiver.handle({
          method: m,
          url: p,
          headers: h,
          body: makeBody(bytes, mode),
          ip: addr,
        });
        expectWellFormed(res);
        // 200 without a handler call is only a provider's subscription handshake (Azure, IBM).
        if (res.status === 200) expect(JSON.parse(res.body).ok).toBeUndefined();
        else expect(UNAUTHENTICATED_STATUSES.has(res.status)).toBe(true);
        expect(calls).toHaveLength(0);
      }),
      RUNS,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("authenticated deliveries of arbitrary bodies: 200 with one handler run, or a 400/413 with none", async () => {
    const { receiver, calls } = fixtureReceiver();
    // Every provider the fixture authenticates by signed callback URL, plus the header and HMAC ones.
    const urlTokenProviders = Object.entries(fixtureProviders())
      .filter(([, config]) => config.urlToken)
      .map(([id]) => id);
    const authenticated = fc.constantFrom(
      "assemblyai",
      "scriptix",
      "instanttranscriber",
      "standardwebhooks",
      ...urlTokenProviders,
    );
    const contentType = fc.oneof(
      fc.constantFrom("application/json", "application/x-www-form-urlencoded", "text/plain", ""),
      fc.string({ maxLength: 30 }),
    );
    await fc.assert(
      fc.asyncProperty(authenticated, bodyBytes, bodyMode, contentType, async (provider, bytes, mode, ct) => {
        const body = makeBody(bytes, mode);
        // Sign exactly the bytes the receiver will read: none for no body, UTF-8 for a string.
        const raw =
          mode === "none"
            ? Buffer.alloc(0)
            : typeof body === "string"
              ? Buffer.from(body)
              : Buffer.from(bytes);
        let url = `/webhooks/${provider}`;
        let h: Record<string, string> = {};
        if (provider === "assemblyai") h = { "x-webhook-token": SECRETS.aaiToken };
        if (provider === "scriptix") h = { authorization: SECRETS.scriptixToken };
        if (provider === "instanttranscriber") h = signBytes.instanttranscriber(raw);
        if (provider === "standardwebhooks") h = signBytes.standardwebhooks(raw);
        if (urlTokenProviders.includes(provider)) url = signedPath(receiver, provider);
        if (ct) h["content-type"] = ct;
        else delete h["content-type"];
        const before = calls.length;
        const method = builtinProviders[provider as keyof typeof builtinProviders].methods[0]!;
        const res = await receiver.handle({ method, url, headers: h, body });
        expectWellFormed(res);
        expect([200, 400, 413, 415]).toContain(res.status);
        // Verbit's success reply is the text "OK", for duplicates too: then only the calls tell.
        const answer = provider === "verbit" && res.status === 200 ? undefined : JSON.parse(res.body);
        const processed = res.status === 200 && (answer ? answer.duplicate !== true : calls.length > before);
        if (processed) {
          expect(calls.length).toBe(before + 1);
          const event = calls.at(-1)!;
          expect(event.provider).toBe(provider);
          expect(typeof event.jobId).toBe("string");
          expect(event.jobId.length).toBeGreaterThan(0);
        } else {
          expect(calls.length).toBe(before);
        }
      }),
      RUNS,
    );
    // Not vacuous: some of the arbitrary bodies were processed, and handed to the handlers.
    expect(calls.length).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a valid delivery with any one byte of its body or signature changed: 401, no handler call", async () => {
    // Found by this property: flipping a letter's case in the signature (0x20) was accepted, rightly —
    // hex digits and the "sha256=" prefix are case-insensitive, so it is the same signature. Such a
    // change is checked to be accepted; every other change must be refused.
    const { receiver, calls } = fixtureReceiver();
    const text = JSON.stringify({ id: "job-fuzz-1", status: "completed", text: "hello" });
    const body = Buffer.from(text);
    const signed = instantTranscriberHeaders(text);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("body", "signature"),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (target, at, xor) => {
          const b = Buffer.from(body);
          const h = { ...signed };
          const original = signed["x-instanttranscriber-signature"];
          if (target === "body") b[at % b.length] = b[at % b.length]! ^ xor;
          else {
            const sig = Buffer.from(original);
            sig[at % sig.length] = sig[at % sig.length]! ^ xor;
            h["x-instanttranscriber-signature"] = sig.toString("latin1");
          }
          const sameSignature = h["x-instanttranscriber-signature"].toLowerCase() === original.toLowerCase();
          const before = calls.length;
          const res = await receiver.handle({
            method: "POST",
            url: "/webhooks/instanttranscriber",
            headers: h,
            body: b,
          });
          expectWellFormed(res);
          if (target === "signature" && sameSignature) {
            expect(res.status).toBe(200);
            expect(calls.length).toBeLessThanOrEqual(1); // processed once, then duplicates
          } else {
            expect(res.status).toBe(401);
            expect(JSON.parse(res.body).error.code).toBe("signature_mismatch");
            expect(calls.length).toBe(before);
          }
        },
      ),
      RUNS,
    );
    // The untouched delivery is accepted (a duplicate if a case-flipped one came first).
    const ok = await receiver.handle({
      method: "POST",
      url: "/webhooks/instanttranscriber",
      headers: signed,
      body,
    });
    expect(ok.status).toBe(200);
    expect(calls).toHaveLength(1);
  });
});
