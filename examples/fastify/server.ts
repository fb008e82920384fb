import { transcriptionWebhook } from "@scribehook/fastify";
import Fastify from "fastify";

// `pnpm --filter @scribehook/example-fastify start`: a Fastify app on 127.0.0.1:$PORT (3000 by default; 0 = any free port).
const env = (name: string, fallback: string) => process.env[name] ?? fallback;

const app = Fastify();
await app.register(transcriptionWebhook, {
  providers: {
    assemblyai: { headers: { "x-webhook-token": env("AAI_TOKEN", "dev-assemblyai-token") } },
    gladia: { urlToken: true },
  },
  urlTokenSecret: env("CALLBACK_URL_SECRET", "dev-callback-url-secret"),
});

const hooks = app.transcriptionWebhook;
hooks.onComplete((event) => console.log(`completed: ${event.provider} ${event.jobId}`));
hooks.onFailed((event) =>
  console.log(`failed: ${event.provider} ${event.jobId} ${event.error?.message ?? ""}`),
);

// The app's own routes keep Fastify's JSON parser; only the webhook routes read raw bytes.
app.get("/health", async () => ({ ok: true }));

const base = await app.listen({ port: Number(env("PORT", "3000")), host: "127.0.0.1" });
console.log(`listening on ${base}`);
console.log(`Gladia callback URL: ${hooks.callbackUrl({ provider: "gladia", baseUrl: base })}`);
