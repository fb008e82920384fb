import { transcriptionWebhook } from "@scribehook/express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { express, listen, runCli } from "./run-cli";

const AAI_TOKEN = "aai-replay-token-value";
const SCRIPTIX_KEY = "scriptix-api-key-value";
// High enough that Scriptix's 53 minutes take ~3 ms and Rev AI's 24 hours ~90 ms.
const FAST = ["--speed", "1000000"];

describe("scribehook replay", () => {
  let failuresLeft = 0;
  let handled: string[] = [];
  let rejected: number[] = [];
  let server: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    const app = express();
    const hooks = transcriptionWebhook({
      providers: {
        assemblyai: { headers: { "x-webhook-token": AAI_TOKEN } },
        scriptix: { headers: { "x-api-key": SCRIPTIX_KEY } },
      },
    });
    hooks.onAny((e) => {
      // The first deliveries fail in the handler (500), so the provider's schedule has to retry.
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error("database down");
      }
      handled.push(e.jobId);
    });
    hooks.onRejected((r) => void rejected.push(r.status));
    app.use(hooks);
    // A bare endpoint that acknowledges with 200 {"ok":true}, which is not the body Verbit needs.
    app.post("/bare/verbit", (_req, res) => void res.json({ ok: true }));
    server = await listen(app);
  });
  beforeEach(() => {
    failuresLeft = 0;
    handled = [];
    rejected = [];
  });
  afterAll(() => server.close());

  it("retries on the provider's schedule until the first 2xx, with a summary, and exits 0", async () => {
    failuresLeft = 2;
    const run = await runCli([
      "replay",
      "scriptix",
      "--to",
      server.origin,
      "--header",
      `X-Api-Key: ${SCRIPTIX_KEY}`,
      "--job-id",
      "sx-replay-1",
      ...FAST,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("6 attempts over 53 min of provider time");
    expect(run.stdout).toMatch(/attempt 1\/6\s+500 handler_failed/);
    expect(run.stdout).toMatch(/attempt 3\/6\s+200/);
    expect(run.stdout).not.toContain("attempt 4/6");
    expect(run.stdout).toContain("acknowledged on attempt 3");
    expect(run.stdout).toContain("answers: 500 500 200");
    expect(run.stdout).not.toContain(SCRIPTIX_KEY);
    expect(handled).toEqual(["sx-replay-1"]); // the same job each time, processed once
  });

  it("stops at the first 4xx for a provider that never retries one (AssemblyAI), exit 1", async () => {
    const run = await runCli([
      "replay",
      "assemblyai",
      "--to",
      server.origin,
      "--header",
      "X-Webhook-Token: stale-token",
      ...FAST,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("unconfirmed: the interval between attempts is not documented");
    expect(run.stdout).toMatch(/attempt\s+1\/10\s+401 header_mismatch/);
    expect(run.stdout).toContain("assemblyai stops here: a 401 is final");
    expect(rejected).toEqual([401]);
  });

  it("keeps retrying through 4xx for a provider that does (Scriptix), and says the result is lost", async () => {
    const run = await runCli([
      "replay",
      "scriptix",
      "--to",
      server.origin,
      "--header",
      "X-Api-Key: wrong-key",
      ...FAST,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("never acknowledged: scriptix gives up after 6 of 6 attempts");
    expect(run.stdout).toContain("answers: 401 401 401 401 401 401");
    expect(rejected).toEqual([401, 401, 401, 401, 401, 401]);
  });

  it("--attempts and --interval override the schedule; a provider with no documented retries calls once", async () => {
    failuresLeft = 5;
    const [overridden, once] = await Promise.all([
      runCli([
        "replay",
        "assemblyai",
        "--to",
        server.origin,
        "--header",
        `X-Webhook-Token: ${AAI_TOKEN}`,
        "--attempts",
        "3",
        "--interval",
        "2m",
        ...FAST,
      ]),
      runCli(["replay", "gladia", "--to", "http://127.0.0.1:9/webhooks/gladia", ...FAST]),
    ]);
    expect(overridden.stdout).toContain("3 attempts over 4 min of provider time");
    expect(overridden.stdout).toContain("answers: 500 500 500");
    expect(overridden.code).toBe(1);
    expect(once.stdout).toContain("1 attempt over");
    expect(once.stdout).toContain("unconfirmed: one attempt");
    expect(once.code).toBe(3); // nothing listens on port 9
  });

  it("Verbit is only acknowledged by the exact body OK: a 200 with another body is retried", async () => {
    const run = await runCli([
      "replay",
      "verbit",
      "--to",
      `${server.origin}/bare/verbit`,
      "--attempts",
      "2",
      ...FAST,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('body is not exactly "OK", so the provider retries');
    expect(run.stdout).toContain("answers: 200 200");
  });
});
