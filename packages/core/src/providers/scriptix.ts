import { malformed } from "../errors";
import type { ProviderContext } from "./define-provider";
import { defineProvider } from "./define-provider";
import { str } from "./fields";

/**
 * What Scriptix POSTs when a batch session is done: the session id, twice. Fetch the result with it.
 *
 * @example
 * ```ts
 * receiver.onComplete((e) => { if (e.provider === "scriptix") fetchResult(e.payload.sessionId); });
 * ```
 */
export interface ScriptixPayload {
  sessionId: string;
  /** Deprecated duplicate of `sessionId`. */
  zoom_id?: string;
  [key: string]: unknown;
}

/** Header Scriptix sends with the session id. */
const SESSION_HEADER = "X-Scriptix-Session";
/** Its deprecated predecessor, still sent. */
const LEGACY_SESSION_HEADER = "X-Zoom-Session";

/**
 * Scriptix batch: POST JSON `{ sessionId, zoom_id }` with the headers `X-Scriptix-Session` (and the
 * deprecated `X-Zoom-Session`) carrying the same id. Scriptix does not sign: add a header of your own
 * (e.g. an API key) to the callback when you start the session, and configure the same `headers`.
 *
 * Scriptix calls back only when a job succeeded, so every delivery is `completed` (providerStatus
 * `"completed"`, since Scriptix sends no status). `jobId` is the body's `sessionId` (or `zoom_id`).
 *
 * The session headers must agree with the body: a `X-Scriptix-Session` or `X-Zoom-Session` header
 * that names another session than the body, or a body whose `sessionId` and `zoom_id` differ, is
 * answered 400 `body_malformed`. A delivery without the session headers is accepted when its body has
 * the id: they carry no secret, so requiring them would add no security, and the body is authoritative.
 *
 * @example
 * ```ts
 * const token = process.env.SCRIPTIX_TOKEN;
 * if (!token) throw new Error("Set SCRIPTIX_TOKEN"); // else the header would be "Bearer undefined"
 * createReceiver({ providers: { scriptix: { headers: { authorization: `Bearer ${token}` } } } });
 * ```
 */
export const scriptix = defineProvider<"scriptix", ScriptixPayload>({
  id: "scriptix",
  name: "Scriptix",
  docs: "https://docs.scriptix.io/core-apis/batch/retrieve-results",
  auth: "headers",
  methods: ["POST"],
  formats: ["json"],
  jobId: ["sessionId", "zoom_id"],
  // Scriptix calls back only when a job succeeded, and sends no status.
  status: { field: () => "completed", table: { completed: "completed" } },
  normalise(payload, ctx, declared) {
    const sessionId = str(payload.sessionId);
    const zoomId = str(payload.zoom_id);
    if (sessionId && zoomId && sessionId !== zoomId) {
      throw malformed(
        `The Scriptix body names two sessions: sessionId ${JSON.stringify(sessionId)} and zoom_id ${JSON.stringify(zoomId)}`,
      );
    }
    if (declared.jobId) {
      checkHeader(ctx, SESSION_HEADER, declared.jobId);
      checkHeader(ctx, LEGACY_SESSION_HEADER, declared.jobId);
    }
    return declared;
  },
});

function checkHeader(ctx: ProviderContext, name: string, jobId: string): void {
  const value = ctx.header(name)?.trim();
  if (value && value !== jobId) {
    throw malformed(
      `The ${name} header (${JSON.stringify(value)}) does not match the body's sessionId (${JSON.stringify(jobId)})`,
    );
  }
}
