import type { TranscriptionEvent } from "@scribehook/core";
import { type ExpressTranscriptionWebhook, transcriptionWebhook } from "@scribehook/express";
import express, { type Express } from "express";

/** Secrets for the example; a real app reads them from its environment. */
export interface ExampleSecrets {
  assemblyaiToken: string;
  instantTranscriberSecret: string;
  scriptixToken: string;
  callbackUrlSecret: string;
}

/** The smallest correct scribehook app: five providers, one middleware, two handlers. */
export function createApp(
  secrets: ExampleSecrets,
  log: (event: TranscriptionEvent) => void = console.log,
): { app: Express; hooks: ExpressTranscriptionWebhook } {
  const app = express();
  const hooks = transcriptionWebhook({
    providers: {
      assemblyai: { headers: { "x-webhook-token": secrets.assemblyaiToken } },
      instanttranscriber: { secret: secrets.instantTranscriberSecret },
      threeplay: { urlToken: true },
      gladia: { urlToken: true },
      scriptix: { headers: { authorization: `Bearer ${secrets.scriptixToken}` } },
    },
    urlTokenSecret: secrets.callbackUrlSecret,
  });

  // scribehook reads the raw body itself: mount it before any body parser.
  app.use(hooks);
  app.use(express.json());

  hooks.onComplete(async (event) => log(event));
  hooks.onFailed(async (event) => log(event));

  app.get("/health", (_req, res) => {
    res.json({ ok: true });
  });
  return { app, hooks };
}
