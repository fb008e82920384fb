import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TranscriptionEvent } from "@scribehook/core";
import { transcriptionWebhook } from "@scribehook/express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { express, listen, runCli } from "./run-cli";

const IT_SECRET = "it-callback-secret-0123456789";
const AAI_TOKEN = "aai-header-value-abcdef";

describe("scribehook send", () => {
  let events: TranscriptionEvent[] = [];
  let server: Awaited<ReturnType<typeof listen>>;
  const url = (provider: string) => `${server.origin}/webhooks/${provider}`;

  beforeAll(async () => {
    const app = express();
    const hooks = transcriptionWebhook({
      providers: {
        instanttranscriber: { secret: IT_SECRET },
        assemblyai: { headers: { "x-webhook-token": AAI_TOKEN } },
      },
    });
    hooks.onAny((e) => void events.push(e));
    app.use(hooks);
    server = await listen(app);
  });
  beforeEach(() => {
    events = [];
  });
  afterAll(() => server.close());

  it("sends a signed delivery, prints request and answer with the secret masked, exits 0 on 2xx", async () => {
    const run = await runCli([
      "send",
      "instanttranscriber",
      "--to",
      url("instanttranscriber"),
      "--secret",
      IT_SECRET,
      "--status",
      "failed",
      "--job-id",
      "it-send-1",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`→ POST ${url("instanttranscriber")}`);
    expect(run.stdout).toMatch(/x-instanttranscriber-signature: sha256=[0-9a-f]{64}/);
    expect(run.stdout).toContain('"id":"it-send-1"');
    expect(run.stdout).toMatch(/← 200 OK/);
    expect(run.stdout).toContain('{"ok":true}');
    expect(run.stdout).not.toContain(IT_SECRET);
    expect(events.map((e) => [e.jobId, e.status])).toEqual([["it-send-1", "failed"]]);
  });

  it("exits 1 on a non-2xx and shows why (wrong secret)", async () => {
    const run = await runCli([
      "send",
      "instanttranscriber",
      "--to",
      url("instanttranscriber"),
      "--secret",
      "wrong-secret",
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("← 401");
    expect(run.stdout).toContain("signature_mismatch");
    expect(run.stdout).not.toContain("wrong-secret");
    expect(events).toEqual([]);
  });

  it("masks --header credentials and SCRIBEHOOK_SECRET; a bare origin gets /webhooks/<provider>; --payload is merged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scribehook-send-"));
    const payload = join(dir, "payload.json");
    writeFileSync(payload, JSON.stringify({ language_code: "nl", audio_duration: 93 }));
    const [aai, env] = await Promise.all([
      runCli([
        "send",
        "assemblyai",
        "--to",
        server.origin,
        "--header",
        `X-Webhook-Token: ${AAI_TOKEN}`,
        "--job-id",
        "aai-send-1",
        "--payload",
        payload,
      ]),
      runCli(["send", "instanttranscriber", "--to", url("instanttranscriber"), "--job-id", "it-env"], {
        env: { SCRIBEHOOK_SECRET: IT_SECRET },
      }),
    ]);
    expect(aai.code).toBe(0);
    expect(aai.stdout).toContain(`→ POST ${server.origin}/webhooks/assemblyai`);
    expect(aai.stdout).toContain("x-webhook-token: ••••");
    expect(aai.stdout).not.toContain(AAI_TOKEN);
    expect(env.code).toBe(0);
    expect(env.stdout).not.toContain(IT_SECRET);
    const byJob = Object.fromEntries(events.map((e) => [e.jobId, e]));
    expect(byJob["aai-send-1"]?.payload).toMatchObject({ language_code: "nl", audio_duration: 93 });
    expect(byJob["it-env"]?.status).toBe("completed");
  });

  it("exits 3 when nothing listens, and 2 on an unknown provider, a bad --to or a bad --payload", async () => {
    const closed = await listen(express());
    await closed.close();
    const [unreachable, unknown, badTo, badPayload] = await Promise.all([
      runCli([
        "send",
        "assemblyai",
        "--to",
        `${closed.origin}/webhooks/assemblyai`,
        "--header",
        "X-Webhook-Token: x",
      ]),
      runCli(["send", "nosuch", "--to", server.origin]),
      runCli(["send", "assemblyai", "--to", "localhost:3000"]),
      runCli(["send", "assemblyai", "--to", server.origin, "--payload", "/nonexistent/p.json"]),
    ]);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain("connection refused");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("instanttranscriber"); // lists the known providers
    expect(badTo.code).toBe(2);
    expect(badTo.stderr).toContain("--to");
    expect(badPayload.code).toBe(2);
    expect(badPayload.stderr).toContain("--payload: cannot read");
  });
});
