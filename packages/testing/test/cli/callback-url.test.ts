import { transcriptionWebhook } from "@scribehook/express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { express, listen, runCli } from "./run-cli";

const URL_SECRET = "url-token-secret-for-cli-tests";

describe("scribehook callback-url", () => {
  const events: { jobId: string; metadata: Record<string, string> }[] = [];
  let server: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    const app = express();
    const hooks = transcriptionWebhook({
      providers: { assemblyai: { urlToken: true } },
      urlTokenSecret: URL_SECRET,
    });
    hooks.onAny((e) => void events.push({ jobId: e.jobId, metadata: e.metadata }));
    app.use("/api", hooks);
    server = await listen(app);
  });
  afterAll(() => server.close());

  const post = (url: string) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "redacted_audio_ready", redacted_audio_url: "https://x/a.mp3" }),
    });

  it("prints only a signed URL that a real receiver accepts, carrying --meta back as event.metadata", async () => {
    const run = await runCli([
      "callback-url",
      "assemblyai",
      "--base",
      `${server.origin}/api`,
      "--secret",
      URL_SECRET,
      "--meta",
      "jobId=job-42",
      "--meta",
      "orderId=7",
    ]);
    expect(run.code).toBe(0);
    const url = run.stdout.trim();
    expect(url.split("\n")).toHaveLength(1);
    expect(url.startsWith(`${server.origin}/api/webhooks/assemblyai?sh_token=`)).toBe(true);
    expect(url).not.toContain(URL_SECRET);

    const res = await post(url);
    expect(res.status).toBe(200);
    expect(events.at(-1)).toEqual({ jobId: "job-42", metadata: { jobId: "job-42", orderId: "7" } });
  });

  it("a URL signed with another secret, or for another --path, is refused by the receiver", async () => {
    const [other, path] = await Promise.all([
      runCli(["callback-url", "assemblyai", "--base", `${server.origin}/api`, "--secret", "not-the-secret"]),
      runCli([
        "callback-url",
        "assemblyai",
        "--base",
        `${server.origin}/api`,
        "--secret",
        URL_SECRET,
        "--path",
        "/hooks",
      ]),
    ]);
    expect(other.code).toBe(0);
    expect((await post(other.stdout.trim())).status).toBe(401);
    expect(path.stdout.trim()).toContain("/api/hooks/assemblyai?sh_token=");
    expect((await post(path.stdout.trim())).status).toBe(404); // no receiver under /hooks
  });

  it("reads the secret from SCRIBEHOOK_SECRET, and exits 2 with a message when it is missing or --base is bad", async () => {
    const [fromEnv, missing, badBase, badExpiry] = await Promise.all([
      runCli(["callback-url", "assemblyai", "--base", `${server.origin}/api`, "--meta", "jobId=env-1"], {
        env: { SCRIBEHOOK_SECRET: URL_SECRET },
      }),
      runCli(["callback-url", "assemblyai", "--base", "https://api.example.com"], {
        env: { SCRIBEHOOK_SECRET: undefined },
      }),
      runCli(["callback-url", "assemblyai", "--base", "api.example.com", "--secret", "s"]),
      runCli([
        "callback-url",
        "assemblyai",
        "--base",
        "https://a.example",
        "--secret",
        "s",
        "--expires-in",
        "soon",
      ]),
    ]);
    expect(fromEnv.code).toBe(0);
    expect((await post(fromEnv.stdout.trim())).status).toBe(200);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--secret");
    expect(badBase.code).toBe(2);
    expect(badBase.stderr).toContain("--base must be an absolute URL");
    expect(badExpiry.code).toBe(2);
    expect(badExpiry.stderr).toContain("expiresIn");
  });

  it("--expires-in as a bare number is milliseconds, like every duration option", async () => {
    const run = await runCli([
      "callback-url",
      "assemblyai",
      "--base",
      `${server.origin}/api`,
      "--secret",
      URL_SECRET,
      "--expires-in",
      "90000",
    ]);
    const token = new URL(run.stdout.trim()).searchParams.get("sh_token")!;
    const claims = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as {
      i: number;
      e: number;
    };
    expect(claims.e - claims.i).toBe(90);
  });
});
