import type { ReceiverOptions } from "@scribehook/core";
import { expect } from "vitest";
import { aai, type ConformanceCase, expectOk, id, SECRETS } from "./cases";
import { PREFIX } from "./servers";

// Ways of mounting scribehook that only some frameworks have (see `Mounting` in servers.ts).

const basic: ReceiverOptions = {
  providers: { assemblyai: { headers: { "x-webhook-token": SECRETS.aaiToken } } },
};

export const mountingCases: ConformanceCase[] = [
  {
    name: "mounted under a prefix: callback URLs carry it, deliveries there are processed, outside it passed on",
    options: { providers: { assemblyai: { urlToken: true } }, urlTokenSecret: SECRETS.urlTokenSecret },
    mounting: "prefixed",
    async run({ send, receiver, events, rejected }) {
      const url = new URL(
        receiver.callbackUrl({
          provider: "assemblyai",
          baseUrl: `https://x.test${PREFIX}`,
          metadata: { k: "v" },
        }),
      );
      expect(url.pathname).toBe(`${PREFIX}/webhooks/assemblyai`);
      expectOk(await send(aai(id(), "completed", { token: null, path: url.pathname + url.search })));
      expect(events[0]?.metadata).toEqual({ k: "v" });
      // Outside the prefix scribehook never runs: the app's own 404, no refusal.
      const outside = await send(
        aai(id(), "completed", { token: null, path: `/webhooks/assemblyai${url.search}` }),
      );
      expect(outside.status).toBe(404);
      expect(outside.json?.error?.code).toBeUndefined();
      expect(rejected).toHaveLength(0);
      const health = await send({ method: "GET", path: "/health" });
      expect({ status: health.status, json: health.json }).toEqual({ status: 200, json: { ok: true } });
      expect(events).toHaveLength(1);
    },
  },
  {
    name: "a raw-body parser first (express.raw()): its bytes are the body, verified and processed",
    options: basic,
    mounting: "rawParserFirst",
    async run({ send, events }) {
      const jobId = id();
      expectOk(await send(aai(jobId)));
      expect(events.map((e) => e.jobId)).toEqual([jobId]);
    },
  },
];
