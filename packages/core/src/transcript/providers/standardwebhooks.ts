import { defineResultClient } from "../client";

/**
 * Standard Webhooks senders: the spec defines delivery and signatures only, not how to fetch a result,
 * so `transcript()` and `fetchTranscript()` reject with `unsupported`. Read `event.payload`, or use the
 * sender's own API.
 * Docs: https://www.standardwebhooks.com/
 *
 * @example
 * ```ts
 * hooks.onComplete((e) => { if (e.provider === "standardwebhooks") console.log(e.payload.data); });
 * ```
 */
export const standardwebhooksResult = defineResultClient({
  id: "standardwebhooks",
  name: "Standard Webhooks",
  docs: "https://www.standardwebhooks.com/",
  unsupported: "Standard Webhooks defines no result API; read event.payload or use the sender's own API",
});
