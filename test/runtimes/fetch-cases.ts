import { type SampleDelivery, type SignDeliveryOptions, signDelivery } from "@scribehook/testing";
import { expect } from "vitest";
import { send, type WireRequest, type WireResponse } from "../conformance/http";
import { AUTH, MAX_BODY_BYTES, SECRETS } from "./host/options.js";

// The Fetch cases every runtime of the matrix answers, per provider, over HTTP: a valid delivery (200,
// the handler runs once), the same delivery again (200 duplicate, not run again), a forged one (401),
// an oversized one, declared and chunked (413), and, where the provider has one, an expired URL token
// or a stale signed timestamp (401).

export type ProviderId = keyof typeof AUTH;
export const PROVIDERS = Object.keys(AUTH) as ProviderId[];

type Auth = { headers: Record<string, string> } | { secret: string } | { urlToken: true };
const authOf = (provider: ProviderId): Auth => AUTH[provider] as Auth;

/** Signed-timestamp providers and the window each is configured with by default (seconds). */
const TIMESTAMPED: Partial<Record<ProviderId, number>> = { elevenlabs: 30 * 60, standardwebhooks: 300 };

/** An event as the host app's `GET /__events` lists it. */
export interface HostEvent {
  provider: string;
  jobId: string;
  type: string;
}

const wire = (d: SampleDelivery): WireRequest => ({
  method: d.method,
  path: d.path,
  headers: d.headers,
  body: d.body,
});

async function getJson<T>(base: string, path: string): Promise<T> {
  const res = await fetch(new URL(path, base));
  expect(res.status, `GET ${path}`).toBe(200);
  return (await res.json()) as T;
}

/** A callback URL made by the receiver inside the runtime (so the token is signed there, too). */
async function callbackUrl(base: string, provider: ProviderId, expired = false): Promise<string> {
  const query = `provider=${provider}${expired ? "&expired" : ""}`;
  return (await getJson<{ url: string }>(base, `/__callback-url?${query}`)).url;
}

/** What a delivery needs to be accepted by the host app's configuration of `provider`. */
async function credentials(base: string, provider: ProviderId): Promise<SignDeliveryOptions> {
  const auth = authOf(provider);
  if ("secret" in auth) return { secret: auth.secret };
  if ("urlToken" in auth) return { callbackUrl: await callbackUrl(base, provider) };
  return { headers: auth.headers };
}

/** The answer a provider gets for an accepted delivery: Verbit's is the text OK, everyone else's JSON. */
function expectAccepted(provider: ProviderId, res: WireResponse, duplicate = false): void {
  if (provider === "verbit") {
    expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: "OK" });
    return;
  }
  expect({ status: res.status, json: res.json }).toEqual({
    status: 200,
    json: duplicate ? { ok: true, duplicate: true } : { ok: true },
  });
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
}

/** A refusal: status, code, a JSON error with a message, and no secret of the host anywhere in it. */
function expectRefused(res: WireResponse, status: number, code: string): void {
  expect({ status: res.status, code: res.json?.error?.code }).toEqual({ status, code });
  expect(res.json.error.message.length).toBeGreaterThan(10);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  for (const secret of Object.values(SECRETS)) expect(res.text).not.toContain(secret);
}

let seq = 0;
const jobIdOf = (provider: string) => `${provider}-rt-${Date.now().toString(36)}-${++seq}`;

/**
 * Runs every case of `provider` against the host app at `base`; returns the events it expects the
 * host to have recorded (one: the valid delivery's).
 *
 * @example
 * ```ts
 * const expected = await runProviderCases(server.base, "gladia");
 * ```
 */
export async function runProviderCases(base: string, provider: ProviderId): Promise<HostEvent[]> {
  const auth = authOf(provider);
  const jobId = jobIdOf(provider);
  const valid = signDelivery(provider, { ...(await credentials(base, provider)), jobId });
  const expected: HostEvent = { provider, jobId, type: "transcription.completed" };
  const eventsOfJob = async () =>
    (await getJson<HostEvent[]>(base, "/__events")).filter((e) => e.jobId === jobId);

  // Valid, then the same delivery again: the handler ran exactly once.
  expectAccepted(provider, await send(base, wire(valid)));
  expect(await eventsOfJob()).toEqual([expected]);
  expectAccepted(provider, await send(base, wire(valid)), true);
  expect(await eventsOfJob()).toEqual([expected]);

  // Forged: the attacker does not know the secret, the header value or the URL token's key.
  if ("secret" in auth) {
    const other =
      provider === "standardwebhooks" ? `whsec_${btoa("an-attacker-key-123")}` : "an-attacker-secret";
    const forged = signDelivery(provider, { secret: other, jobId: jobIdOf(provider) });
    expectRefused(await send(base, wire(forged)), 401, "signature_mismatch");
    const tampered = { ...wire(valid), body: valid.body.replace(jobId, `${jobId}-x`) };
    expect(tampered.body).not.toBe(valid.body);
    expectRefused(await send(base, tampered), 401, "signature_mismatch");
  } else if ("urlToken" in auth) {
    const url = new URL(valid.path, base);
    const token = url.searchParams.get("sh_token")!;
    url.searchParams.set("sh_token", `${token.slice(0, -4)}AAAA`);
    const forged = signDelivery(provider, { callbackUrl: url.toString(), jobId: jobIdOf(provider) });
    expectRefused(await send(base, wire(forged)), 401, "token_invalid");
  } else {
    const guessed = Object.fromEntries(Object.entries(auth.headers).map(([k, v]) => [k, `${v}-guess`]));
    const forged = signDelivery(provider, { headers: guessed, jobId: jobIdOf(provider) });
    expectRefused(await send(base, wire(forged)), 401, "header_mismatch");
  }

  // Oversized: one byte over the limit, refused by its Content-Length, and cut off when chunked.
  const big = signDelivery(provider, { ...(await credentials(base, provider)), jobId: jobIdOf(provider) });
  const oversized = { ...wire(big), body: big.body.padEnd(MAX_BODY_BYTES + 1, " ") };
  expectRefused(await send(base, oversized), 413, "body_too_large");
  expectRefused(await send(base, { ...oversized, chunked: true }), 413, "body_too_large");

  // Expired: a URL token past its expiry, or a signature over a timestamp outside the window.
  if ("urlToken" in auth) {
    const expired = signDelivery(provider, {
      callbackUrl: await callbackUrl(base, provider, true),
      jobId: jobIdOf(provider),
    });
    expectRefused(await send(base, wire(expired)), 401, "token_expired");
  }
  const window = TIMESTAMPED[provider];
  if (window !== undefined && "secret" in auth) {
    const stale = signDelivery(provider, {
      secret: auth.secret,
      jobId: jobIdOf(provider),
      timestamp: Math.floor(Date.now() / 1000) - window - 120,
    });
    expectRefused(await send(base, wire(stale)), 401, "timestamp_too_old");
  }

  expect(await eventsOfJob()).toEqual([expected]);
  return [expected];
}

/**
 * Every event the host recorded, to compare with what the cases expected: nothing refused reached a
 * handler, and nothing accepted ran twice.
 *
 * @example
 * ```ts
 * expect(await hostEvents(server.base)).toEqual(expected);
 * ```
 */
export function hostEvents(base: string): Promise<HostEvent[]> {
  return getJson<HostEvent[]>(base, "/__events");
}
