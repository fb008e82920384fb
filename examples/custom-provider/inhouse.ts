/**
 * A custom provider, end to end: "In-house ASR", a small transcription service of our own that POSTs
 * `{ job, state, text?, error? }` and signs it with an HMAC header:
 *
 *   X-Inhouse-Timestamp: <unix seconds>
 *   X-Inhouse-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 *
 * Walked through in docs/custom-providers.md; run by test/custom-provider.test.ts.
 */
import { createHmac } from "node:crypto";
import { assertHmac, createReceiver, defineProvider, type Receiver, verifyTimestamp } from "@scribehook/core";

/** What the in-house service sends. */
export interface InhousePayload {
  job: string;
  state: "queued" | "done" | "error";
  text?: string;
  error?: string;
}

// Teach scribehook the payload type of the new id: events with provider "inhouse" narrow to it.
declare module "@scribehook/core" {
  interface ProviderPayloads {
    inhouse: InhousePayload;
  }
}

/**
 * The provider definition: data plus three small functions, built from scribehook's own primitives.
 *
 * @example
 * ```ts
 * createReceiver({ customProviders: [inhouse], providers: { inhouse: { secret: process.env.INHOUSE_SECRET! } } });
 * ```
 */
export const inhouse = defineProvider({
  id: "inhouse",
  name: "In-house ASR",
  methods: ["POST"],
  formats: ["json"],
  // Runs over the raw bytes, before anything is parsed; any WebhookError it throws is the answer.
  async verifySignature(ctx) {
    const timestamp = ctx.header("x-inhouse-timestamp") ?? "";
    await assertHmac(
      {
        data: [timestamp, ".", ctx.body],
        signature: ctx.header("x-inhouse-signature"),
        secrets: ctx.config.secret!,
        prefix: "sha256=",
      },
      "X-Inhouse-Signature",
    );
    // The `tolerance` option ("5m", or milliseconds) reaches providers converted to seconds.
    verifyTimestamp(timestamp, { toleranceSeconds: ctx.config.tolerance ?? 300 });
  },
  normalise: (payload: InhousePayload) => ({
    jobId: payload.job,
    providerStatus: payload.state,
    status: payload.state === "done" ? "completed" : payload.state === "error" ? "failed" : "processing",
    ...(payload.state === "error" ? { error: { message: payload.error } } : {}),
    payload,
  }),
});

/**
 * The receiver of the application: the custom provider next to a built-in one.
 *
 * @example
 * ```ts
 * const receiver = inhouseReceiver(process.env.INHOUSE_SECRET!);
 * ```
 */
export function inhouseReceiver(secret: string): Receiver {
  return createReceiver({
    customProviders: [inhouse],
    providers: {
      inhouse: { secret },
      soniox: { headers: { "x-soniox-token": "another-provider-token" } },
    },
  });
}

/**
 * What the in-house service does to call back (for tests and for the service's own code).
 *
 * @example
 * ```ts
 * const { headers, body } = signInhouse({ job: "j1", state: "done", text: "hi" }, secret);
 * ```
 */
export function signInhouse(
  payload: InhousePayload,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify(payload);
  const signature = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-inhouse-timestamp": String(timestamp),
      "x-inhouse-signature": `sha256=${signature}`,
    },
  };
}
