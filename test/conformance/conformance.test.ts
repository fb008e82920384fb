import type { RejectedDelivery, TranscriptionEvent } from "@scribehook/core";
import { afterEach, describe, it } from "vitest";
import { cases } from "./cases";
import { handlerCases } from "./handler-cases";
import { send, sendFlood, sendTruncated } from "./http";
import { moreProviderCases } from "./more-provider-cases";
import { mountingCases } from "./mounting-cases";
import { providerCases } from "./provider-cases";
import { adapters, type RunningApp } from "./servers";

// One list of cases, run through every framework as a real server on 127.0.0.1. A case that needs a
// mounting a framework does not have (a body parser before the Fastify plugin's own routes, a mount
// prefix for a Fetch handler, express.raw()) is not run there; nothing else is left out.
const all = [...cases, ...handlerCases, ...mountingCases, ...providerCases, ...moreProviderCases];
// The "web" vitest project runs the Fetch adapter only (with the web primitives): see vitest.config.ts.
const only = process.env.CONFORMANCE_ADAPTERS?.split(",");
const selected = only ? adapters.filter((a) => only.includes(a.name)) : adapters;

describe.each(selected)("$name", (adapter) => {
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const applicable = all.filter((c) => adapter.mountings.includes(c.mounting ?? "normal"));
  it.each(applicable)("$name", async (c) => {
    app = await adapter.start(c.options, c.mounting);
    const events: TranscriptionEvent[] = [];
    const rejected: RejectedDelivery[] = [];
    app.receiver.onAny((e) => {
      events.push(e);
    });
    app.receiver.onRejected((r) => {
      rejected.push(r);
    });
    const baseUrl = app.baseUrl;
    await c.run({
      adapter: adapter.name,
      receiver: app.receiver,
      send: (req) => send(baseUrl, req),
      sendTruncated: (req) => sendTruncated(baseUrl, req),
      sendFlood: (req) => sendFlood(baseUrl, req),
      events,
      rejected,
    });
  });
});
