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

/** Where `event.transcript()` fetches results: each provider's API key (and, for tests, its base URL). */
export type ExampleResultApis = Partial<
  Record<
    "assemblyai" | "instanttranscriber" | "threeplay" | "gladia" | "scriptix",
    { apiKey?: string; apiBaseUrl?: string }
  >
>;

/** The smallest correct scribehook app: five providers, one middleware, two handlers. */
export function createApp(
  secrets: ExampleSecrets,
  log: (event: TranscriptionEvent) => void = console.log,
  apis: ExampleResultApis = {},
): { app: Express; hooks: ExpressTranscriptionWebhook } {
  const app = express();
  const hooks = transcriptionWebhook({
    providers: {
      assemblyai: { headers: { "x-webhook-token": secrets.assemblyaiToken }, ...apis.assemblyai },
      instanttranscriber: { secret: secrets.instantTranscriberSecret, ...apis.instanttranscriber },
      threeplay: { urlToken: true, ...apis.threeplay },
      gladia: { urlToken: true, ...apis.gladia },
      scriptix: { headers: { authorization: `Bearer ${secrets.scriptixToken}` }, ...apis.scriptix },
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
