import { describe, expect, it } from "vitest";
import { createReceiver, type DedupeStore, memoryStore, type ReceiverOptions } from "../src/index";

// One convention for every duration option: a number is milliseconds, a string carries its unit.

const TOKEN = "duration-test-token";
const providers = { assemblyai: { headers: { "x-webhook-token": TOKEN } } };

/** Records the TTLs the receiver hands to the store, which is where claimTtl and dedupeTtl end up. */
function recordingStore() {
  const inner = memoryStore();
  const ttls: { claim: number[]; complete: number[] } = { claim: [], complete: [] };
  const store: DedupeStore = {
    claim(k, o, ttl) {
      ttls.claim.push(ttl);
      return inner.claim(k, o, ttl);
    },
    complete(k, o, ttl) {
      ttls.complete.push(ttl);
      return inner.complete(k, o, ttl);
    },
    release: (k, o) => inner.release(k, o),
  };
  return { store, ttls };
}

const delivery = (jobId: string, body?: AsyncIterable<string>) => ({
  method: "POST",
  url: "/webhooks/assemblyai",
  headers: { "x-webhook-token": TOKEN, "content-type": "application/json" },
  body: body ?? JSON.stringify({ transcript_id: jobId, status: "completed" }),
});

describe("duration options", () => {
  it.each<[string, Pick<ReceiverOptions, "claimTtl" | "dedupeTtl">, number, number]>([
    ["numbers are milliseconds", { claimTtl: 1500, dedupeTtl: 90_000 }, 1500, 90_000],
    ["strings carry their unit", { claimTtl: "2s", dedupeTtl: "14d" }, 2000, 14 * 86_400_000],
    ["defaults", {}, 60_000, 7 * 86_400_000],
  ])("claimTtl and dedupeTtl: %s", async (_, options, claimMs, dedupeMs) => {
    const { store, ttls } = recordingStore();
    const receiver = createReceiver({ providers, store, ...options });
    receiver.onComplete(() => {});
    expect((await receiver.handle(delivery("t-1"))).status).toBe(200);
    expect(ttls).toEqual({ claim: [claimMs], complete: [dedupeMs] });
  });

  it("bodyTimeout as a number is milliseconds: a body that never ends gets 408", async () => {
    const receiver = createReceiver({ providers, bodyTimeout: 100 });
    let runs = 0;
    receiver.onComplete(() => {
      runs++;
    });
    let stop: () => void = () => {};
    const stalled = (async function* () {
      yield '{"transcript_id":';
      await new Promise<void>((resolve) => {
        stop = resolve;
      });
    })();
    const res = await receiver.handle(delivery("t-2", stalled));
    stop();
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body).error.code).toBe("body_timeout");
    expect(runs).toBe(0);
  });

  it("callbackUrl expiresIn as a number is milliseconds", () => {
    const receiver = createReceiver({ providers, urlTokenSecret: "url-secret-for-durations" });
    const lifetime = (expiresIn: number | string) => {
      const url = receiver.callbackUrl({
        provider: "assemblyai",
        baseUrl: "https://x.test",
        expiresIn,
        now: 0,
      });
      const token = new URL(url).searchParams.get("sh_token")!;
      const claims = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString());
      return claims.e - claims.i;
    };
    expect(lifetime(60_000)).toBe(60);
    expect(lifetime("1m")).toBe(60);
    expect(lifetime("14d")).toBe(14 * 86_400);
  });
});
