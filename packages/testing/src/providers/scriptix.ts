import { randomBytes } from "node:crypto";
import { delivery } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * A Scriptix batch callback: POST JSON `{ sessionId, zoom_id }` with the same id in the
 * `X-Scriptix-Session` and deprecated `X-Zoom-Session` headers. Scriptix calls back only for
 * successful jobs, so `status` may only be `"completed"` (anything else throws). Scriptix does not
 * sign: pass the header you added to the callback (e.g. `authorization`) in `options.headers`.
 *
 * @example
 * ```ts
 * scriptixDelivery({ jobId: "sx-7731", headers: { authorization: "Bearer token" } });
 * ```
 */
export function scriptixDelivery(options: SignDeliveryOptions): SampleDelivery {
  if (options.status !== undefined && options.status !== "completed") {
    throw new Error(
      `signDelivery("scriptix"): Scriptix calls back only for successful jobs; there is no "${options.status}" delivery`,
    );
  }
  const sessionId = options.jobId ?? randomBytes(12).toString("hex");
  return delivery("scriptix", options, {
    body: JSON.stringify({ sessionId, zoom_id: sessionId, ...options.payload }),
    headers: {
      "content-type": "application/json",
      "x-scriptix-session": sessionId,
      "x-zoom-session": sessionId,
    },
  });
}
