import { describe, expect, it } from "vitest";
import {
  assertHmac,
  createReceiver,
  defineProvider,
  parseDuration,
  type ReceiverOptions,
} from "../src/index";

// Distinctive values: none may ever appear in an error message.
const SECRETS = ["sekret-header-value-9f3", "sekret-hmac-value-7a1", "sekret-url-value-2c8"];
const HEADERS = { "x-webhook-token": SECRETS[0]! };

const signing = defineProvider({
  id: "inhouse",
  name: "In-house ASR",
  methods: ["POST"],
  verifySignature: (ctx) =>
    assertHmac({ data: ctx.body, signature: ctx.header("x-sig"), secrets: ctx.config.secret! }, "X-Sig"),
  normalise: (p: { job: string }) => ({
    jobId: p.job,
    providerStatus: "done",
    status: "completed",
    payload: p,
  }),
});

/** Creation must throw a TypeError matching `fix` (how to fix it) and mention no secret. */
function expectMisconfig(options: unknown, fix: RegExp) {
  let error: unknown;
  try {
    createReceiver(options as ReceiverOptions);
  } catch (e) {
    error = e;
  }
  expect(error, `expected creation to throw ${fix}`).toBeInstanceOf(TypeError);
  const message = (error as Error).message;
  expect(message).toMatch(fix);
  for (const secret of SECRETS) expect(message).not.toContain(secret);
}

describe("createReceiver configuration", () => {
  it("accepts a minimal valid configuration, and every documented option", () => {
    expect(createReceiver({ providers: { assemblyai: { headers: HEADERS } } }).path).toBe("/webhooks");
    const r = createReceiver({
      path: "hooks/",
      providers: {
        assemblyai: {
          headers: HEADERS,
          allowIps: "documented",
          maxBodyBytes: "1mb",
          urlToken: { maxAge: "2d" },
        },
        inhouse: { secret: [SECRETS[1]!, "old"], tolerance: "10m", allowIps: ["10.0.0.0/8", "::1"] },
      } as ReceiverOptions["providers"],
      customProviders: [signing],
      urlTokenSecret: [SECRETS[2]!],
      maxBodyBytes: 1024,
      dedupeTtl: "14d",
      claimTtl: 30_000,
      bodyTimeout: "5s",
      trustProxy: 2,
    });
    expect(r.path).toBe("/hooks");
  });
  it("refuses a missing options object or providers", () => {
    expectMisconfig(undefined, /pass an options object/);
    expectMisconfig({}, /providers: give at least one provider/);
    expectMisconfig({ providers: "assemblyai" }, /providers: give at least one provider/);
    expectMisconfig({ providers: {} }, /configure at least one provider/);
  });
  it("refuses an unknown provider id, listing the known ones and pointing at defineProvider", () => {
    expectMisconfig(
      { providers: { asemblyai: { headers: HEADERS } } },
      /providers\.asemblyai: unknown provider.*assemblyai.*defineProvider/s,
    );
  });
  it("refuses a provider with no way to authenticate, listing the ways", () => {
    expectMisconfig(
      { providers: { assemblyai: {} } },
      /providers\.assemblyai: no way to authenticate.*headers.*urlToken/s,
    );
    expectMisconfig({ providers: { assemblyai: { urlToken: false } } }, /no way to authenticate/);
    expectMisconfig({ providers: { assemblyai: { insecureNoAuth: false } } }, /no way to authenticate/);
    expectMisconfig(
      { providers: { assemblyai: { allowIps: "documented" } } },
      /no way to authenticate.*allowIps alone is not enough/s,
    );
    expectMisconfig({ providers: { inhouse: {} }, customProviders: [signing] }, /secret \(its signature\)/);
  });
  it("accepts no authentication only with insecureNoAuth: true", () => {
    expect(() => createReceiver({ providers: { assemblyai: { insecureNoAuth: true } } })).not.toThrow();
  });
  it("refuses urlToken without urlTokenSecret", () => {
    expectMisconfig({ providers: { assemblyai: { urlToken: true } } }, /urlToken: set urlTokenSecret/);
    expectMisconfig({ providers: { assemblyai: { urlToken: { maxAge: "1d" } } } }, /set urlTokenSecret/);
  });
  it("refuses empty or non-string urlTokenSecret values", () => {
    const providers = { assemblyai: { urlToken: true } };
    expectMisconfig(
      { providers, urlTokenSecret: "" },
      /urlTokenSecret: every secret must be a non-empty string/,
    );
    expectMisconfig({ providers, urlTokenSecret: [SECRETS[2], ""] }, /urlTokenSecret/);
    expectMisconfig({ providers, urlTokenSecret: [] }, /urlTokenSecret: give at least one secret/);
    expectMisconfig({ providers, urlTokenSecret: 42 }, /urlTokenSecret/);
  });
  it("refuses empty secrets, and a secret for a provider that does not sign", () => {
    const custom = { customProviders: [signing] };
    expectMisconfig(
      { ...custom, providers: { inhouse: { secret: "" } } },
      /providers\.inhouse\.secret: must be a non-empty string/,
    );
    expectMisconfig({ ...custom, providers: { inhouse: { secret: [] } } }, /inhouse\.secret/);
    expectMisconfig({ ...custom, providers: { inhouse: { secret: [SECRETS[1], ""] } } }, /inhouse\.secret/);
    expectMisconfig({ ...custom, providers: { inhouse: { secret: [42] } } }, /inhouse\.secret/);
    expectMisconfig(
      { providers: { assemblyai: { secret: SECRETS[1] } } },
      /assemblyai\.secret: AssemblyAI does not sign.*headers or urlToken/,
    );
  });
  it("refuses empty headers and empty or non-string header values", () => {
    expectMisconfig(
      { providers: { assemblyai: { headers: {} } } },
      /assemblyai\.headers: name at least one header/,
    );
    expectMisconfig(
      { providers: { assemblyai: { headers: { "x-webhook-token": "" } } } },
      /headers\["x-webhook-token"\]/,
    );
    expectMisconfig(
      { providers: { assemblyai: { headers: { "x-webhook-token": [] } } } },
      /non-empty string/,
    );
    expectMisconfig(
      { providers: { assemblyai: { headers: { "x-webhook-token": [SECRETS[0], ""] } } } },
      /non-empty string/,
    );
    expectMisconfig(
      { providers: { assemblyai: { headers: { "x-webhook-token": 42 } } } },
      /non-empty string/,
    );
  });
  it("refuses bad allowIps: empty, invalid entries, not a list, documented without addresses", () => {
    const auth = { headers: HEADERS };
    expectMisconfig({ providers: { assemblyai: { ...auth, allowIps: [] } } }, /allowIps: list at least one/);
    expectMisconfig(
      { providers: { assemblyai: { ...auth, allowIps: ["10.0.0.0/33"] } } },
      /allowIps: "10\.0\.0\.0\/33"/,
    );
    expectMisconfig(
      { providers: { assemblyai: { ...auth, allowIps: "10.0.0.1" } } },
      /allowIps: give a list/,
    );
    expectMisconfig(
      { providers: { inhouse: { secret: SECRETS[1], allowIps: "documented" } }, customProviders: [signing] },
      /In-house ASR publishes no egress addresses/,
    );
  });
  it("refuses unreadable sizes and durations, naming the option", () => {
    const providers = { assemblyai: { headers: HEADERS } };
    expectMisconfig({ providers, maxBodyBytes: "lots" }, /maxBodyBytes: expected/);
    expectMisconfig(
      { providers: { assemblyai: { headers: HEADERS, maxBodyBytes: -1 } } },
      /providers\.assemblyai\.maxBodyBytes/,
    );
    expectMisconfig({ providers, dedupeTtl: "7 days" }, /dedupeTtl: expected/);
    expectMisconfig({ providers, claimTtl: -1 }, /claimTtl: expected/);
    expectMisconfig({ providers, bodyTimeout: "soon" }, /bodyTimeout: expected/);
    expectMisconfig(
      { providers: { assemblyai: { urlToken: { maxAge: "forever" } } }, urlTokenSecret: SECRETS[2] },
      /assemblyai\.urlToken\.maxAge: expected/,
    );
    expectMisconfig(
      { providers: { inhouse: { secret: SECRETS[1], tolerance: 0 } }, customProviders: [signing] },
      /inhouse\.tolerance: give a window longer than zero/,
    );
    expectMisconfig(
      { providers: { inhouse: { secret: SECRETS[1], tolerance: "soon" } }, customProviders: [signing] },
      /inhouse\.tolerance: expected milliseconds or a string like "500ms"/,
    );
  });
  it("refuses a bad trustProxy, store or path", () => {
    const providers = { assemblyai: { headers: HEADERS } };
    for (const trustProxy of [-1, 1.5, "yes", Number.NaN]) {
      expectMisconfig({ providers, trustProxy }, /trustProxy: use true/);
    }
    expectMisconfig({ providers, store: {} }, /store: give a DedupeStore/);
    expectMisconfig({ providers, store: { claim() {} } }, /store: give a DedupeStore/);
    expectMisconfig({ providers, path: "/hooks?x=1" }, /path: give a URL path/);
    expectMisconfig({ providers, path: 42 }, /path: give a URL path/);
  });
  it("refuses custom providers that clash with built-in ids or each other", () => {
    const clash = { ...signing, id: "assemblyai" };
    expectMisconfig(
      { providers: { assemblyai: { headers: HEADERS } }, customProviders: [clash] },
      /built-in provider id/,
    );
    expectMisconfig(
      { providers: { inhouse: { secret: SECRETS[1] } }, customProviders: [signing, signing] },
      /"inhouse" is defined twice/,
    );
  });
  it("runs a provider's own checkConfig at creation, after the generic checks", () => {
    const seen: string[] = [];
    const picky = defineProvider({
      ...signing,
      id: "picky",
      checkConfig(config, where) {
        seen.push(where);
        if (config.tolerance !== undefined && parseDuration(config.tolerance) > 60_000) {
          throw new TypeError(`${where}.tolerance: at most 60 s for this sender`);
        }
      },
    });
    expectMisconfig(
      { providers: { picky: { secret: SECRETS[1], tolerance: "10m" } }, customProviders: [picky] },
      /providers\.picky\.tolerance: at most 60 s/,
    );
    createReceiver({
      providers: { picky: { secret: SECRETS[1], tolerance: "30s" } } as ReceiverOptions["providers"],
      customProviders: [picky],
    });
    expect(seen).toEqual(["providers.picky", "providers.picky"]);
  });
  it("callbackUrl() without urlTokenSecret says what to set", () => {
    const r = createReceiver({ providers: { assemblyai: { headers: HEADERS } } });
    expect(() => r.callbackUrl({ provider: "assemblyai", baseUrl: "https://x.test" })).toThrow(
      /set urlTokenSecret/,
    );
  });
});
