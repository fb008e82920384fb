import { bodyParser } from "@koa/bodyparser";
import { transcriptionWebhook } from "@scribehook/koa";
import Koa from "koa";

// `pnpm --filter @scribehook/example-koa start`: a Koa app on 127.0.0.1:$PORT (3000 by default; 0 = any free port).
const env = (name: string, fallback: string) => process.env[name] ?? fallback;

const app = new Koa();
const hooks = transcriptionWebhook({
  providers: {
    assemblyai: { headers: { "x-webhook-token": env("AAI_TOKEN", "dev-assemblyai-token") } },
    gladia: { urlToken: true },
  },
  urlTokenSecret: env("CALLBACK_URL_SECRET", "dev-callback-url-secret"),
});

hooks.onComplete((event) => console.log(`completed: ${event.provider} ${event.jobId}`));
hooks.onFailed((event) =>
  console.log(`failed: ${event.provider} ${event.jobId} ${event.error?.message ?? ""}`),
);

// scribehook reads and verifies the raw body itself: mount it before the body parser.
app.use(hooks);
app.use(bodyParser());
app.use(async (ctx) => {
  if (ctx.path === "/health") ctx.body = { ok: true };
});

const server = app.listen(Number(env("PORT", "3000")), "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  console.log(`listening on ${base}`);
  console.log(`Gladia callback URL: ${hooks.callbackUrl({ provider: "gladia", baseUrl: base })}`);
});
