import { createApp } from "./app";

// `pnpm --filter @scribehook/example-express start`: a server on 127.0.0.1:$PORT (3000 by default).
const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const { app, hooks } = createApp({
  assemblyaiToken: env("AAI_TOKEN", "dev-assemblyai-token"),
  instantTranscriberSecret: env("IT_SECRET", "dev-instanttranscriber-secret"),
  scriptixToken: env("SCRIPTIX_TOKEN", "dev-scriptix-token"),
  callbackUrlSecret: env("CALLBACK_URL_SECRET", "dev-callback-url-secret"),
});
const port = Number(env("PORT", "3000"));
app.listen(port, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${port}`);
  console.log(
    `3Play callback URL: ${hooks.callbackUrl({ provider: "threeplay", baseUrl: `http://127.0.0.1:${port}` })}`,
  );
});
