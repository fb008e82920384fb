import type { Receiver, ReceiverOptions } from "@scribehook/core";
import { type SampleDelivery, type SignDeliveryOptions, signDelivery } from "@scribehook/testing";
import { expect } from "vitest";
import { type ConformanceCase, expectError, expectOk } from "./cases";
import type { WireRequest } from "./http";

// The ten providers added after launch, each configured as its docs say, through every adapter.
const SECRET = "conformance-signing-secret-6b";
const WHSEC = `whsec_${Buffer.from("conformance-standard-webhooks-key").toString("base64")}`;
const TOKEN = "conformance-header-token-0e";
const URL_SECRET = "conformance-url-secret-93";

const options: ReceiverOptions = {
  providers: {
    deepgram: { headers: { "dg-token": TOKEN } },
    revai: { headers: { authorization: `Bearer ${TOKEN}` } },
    speechmatics: { headers: { authorization: `Bearer ${TOKEN}` } },
    soniox: { headers: { authorization: `Bearer ${TOKEN}` } },
    azure: { secret: SECRET },
    elevenlabs: { secret: SECRET },
    ibm: { secret: SECRET },
    standardwebhooks: { secret: WHSEC },
    revcom: { urlToken: true },
    verbit: { urlToken: true },
  },
  urlTokenSecret: URL_SECRET,
};

type Auth = "headers" | "secret" | "urlToken";
const authOf: Record<string, Auth> = {
  deepgram: "headers",
  revai: "headers",
  speechmatics: "headers",
  soniox: "headers",
  azure: "secret",
  elevenlabs: "secret",
  ibm: "secret",
  standardwebhooks: "secret",
  revcom: "urlToken",
  verbit: "urlToken",
};
/** Providers whose signature covers a timestamp, and the window they are configured with by default. */
const timestamped: Record<string, number> = { elevenlabs: 30 * 60, standardwebhooks: 300 };

function credentials(provider: string, receiver: Receiver): SignDeliveryOptions {
  if (authOf[provider] === "secret") return { secret: provider === "standardwebhooks" ? WHSEC : SECRET };
  if (authOf[provider] === "urlToken") {
    return { callbackUrl: receiver.callbackUrl({ provider, baseUrl: "https://api.example.com" }) };
  }
  const name = provider === "deepgram" ? "dg-token" : "authorization";
  return { headers: { [name]: provider === "deepgram" ? TOKEN : `Bearer ${TOKEN}` } };
}

const wire = (d: SampleDelivery): WireRequest => ({
  method: d.method,
  path: d.path,
  headers: d.headers,
  body: d.body,
});
/** Verbit's success answer is the text OK; everyone else's is JSON. */
const expectAccepted = (
  provider: string,
  res: Awaited<ReturnType<Parameters<ConformanceCase["run"]>[0]["send"]>>,
) => {
  if (provider === "verbit")
    expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: "OK" });
  else expectOk(res);
};

let seq = 0;
const jobId = (provider: string) => `${provider}-c-${Date.now().toString(36)}-${++seq}`;

function deliveries(provider: string): ConformanceCase {
  return {
    name: `${provider}: completed and failed deliveries, each once, then refused without its ${authOf[provider]}`,
    options,
    async run({ send, receiver, events }) {
      const done = jobId(provider);
      const failed = jobId(provider);
      const auth = credentials(provider, receiver);
      expectAccepted(
        provider,
        await send(wire(signDelivery(provider, { ...auth, jobId: done, status: "completed" }))),
      );
      expectAccepted(
        provider,
        await send(wire(signDelivery(provider, { ...auth, jobId: failed, status: "failed" }))),
      );
      expect(events.map((e) => [e.provider, e.jobId, e.type])).toEqual([
        [provider, done, "transcription.completed"],
        [provider, failed, "transcription.failed"],
      ]);

      const unauthenticated = signDelivery(provider, { jobId: jobId(provider) });
      const res = await send(wire(unauthenticated));
      expect(res.status).toBe(401);
      expect(["header_missing", "signature_missing", "token_missing"]).toContain(res.json.error.code);
      expect(events).toHaveLength(2);
    },
  };
}

function forgeries(provider: string): ConformanceCase {
  return {
    name: `${provider}: another secret, a tampered body and (if timestamped) a stale or future timestamp: 401`,
    options,
    async run({ send, receiver, events }) {
      const other =
        provider === "standardwebhooks" ? `whsec_${Buffer.from("other").toString("base64")}` : "x-other";
      expectError(await send(wire(signDelivery(provider, { secret: other }))), 401, "signature_mismatch");
      const id = jobId(provider);
      const good = signDelivery(provider, { ...credentials(provider, receiver), jobId: id });
      const tampered = { ...wire(good), body: good.body.replace(id, `${id.slice(0, -1)}X`) };
      expect(tampered.body).not.toBe(good.body);
      expectError(await send(tampered), 401, "signature_mismatch");
      const window = timestamped[provider];
      if (window !== undefined) {
        const now = Math.floor(Date.now() / 1000);
        const stale = signDelivery(provider, {
          secret: credentials(provider, receiver).secret,
          timestamp: now - window - 60,
        });
        expectError(await send(wire(stale)), 401, "timestamp_too_old");
        const future = signDelivery(provider, {
          secret: credentials(provider, receiver).secret,
          timestamp: now + window + 60,
        });
        expectError(await send(wire(future)), 401, "timestamp_too_new");
      }
      expect(events).toHaveLength(0);
    },
  };
}

/** Every added provider's deliveries, and the forgeries of those that sign. */
export const moreProviderCases: ConformanceCase[] = [
  ...Object.keys(authOf).map(deliveries),
  ...Object.keys(authOf)
    .filter((p) => authOf[p] === "secret")
    .map(forgeries),
];
