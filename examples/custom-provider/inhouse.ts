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
import { createReceiver, defineProvider, hmacSignature, type Receiver } from "@scribehook/core";

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
 * The provider definition: data only. scribehook verifies the declared signature scheme (and applies a
 * `signature` override the same way as for its own providers), reads the job id and the status table,
 * and builds the error of a failed job.
 *
 * @example
 * ```ts
 * createReceiver({ customProviders: [inhouse], providers: { inhouse: { secret: process.env.INHOUSE_SECRET! } } });
 * ```
 */
export const inhouse = defineProvider({
  id: "inhouse",
  name: "In-house ASR",
  auth: "signature",
  methods: ["POST"],
  formats: ["json"],
  // Checked over the raw bytes, before anything is parsed. The `tolerance` option replaces the window.
  signature: hmacSignature({
    header: "X-Inhouse-Signature",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "sha256=",
    signed: "{timestamp}.{body}",
    timestamp: { header: "X-Inhouse-Timestamp", window: "5m" },
  }),
  jobId: "job",
  status: { field: "state", table: { queued: "processing", done: "completed", error: "failed" } },
  error: { message: "error", fallback: "The in-house service failed the job" },
  // Only gives the payload its type; a body that is not an object is still refused (400 body_malformed).
  parse: (body) => body as InhousePayload,
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
