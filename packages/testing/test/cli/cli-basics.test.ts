import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));

const CAPTURE =
  "POST /webhooks/assemblyai HTTP/1.1\r\nHost: example.com\r\nContent-Type: application/json\r\n" +
  'X-Webhook-Token: tok-123\r\n\r\n{"transcript_id":"t-1","status":"completed"}';

describe("scribehook CLI: help, usage errors, colours", () => {
  it.each([
    ["send", ["--to", "--status", "--job-id", "--secret", "--header", "--payload", "--method", "--timeout"]],
    ["replay", ["--to", "--speed", "--attempts", "--interval", "--secret", "--header"]],
    ["callback-url", ["--base", "--secret", "--expires-in", "--meta", "--path"]],
    ["verify", ["--secret", "--header", "--url-token-secret", "--file"]],
  ])("%s --help lists its options and exits 0", async (command, options) => {
    const run = await runCli([command, "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: scribehook ${command}`);
    for (const option of options) expect(run.stdout).toContain(option);
  });

  it("--help lists every command", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    for (const command of ["send", "replay", "callback-url", "verify"]) expect(run.stdout).toContain(command);
  });

  it("an unknown command or a missing required option exits 2 with a message on stderr", async () => {
    const unknown = await runCli(["sned"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'sned'");
    const missing = await runCli(["callback-url", "threeplay", "--secret", "s"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--base");
  });

  it("--version and -V print the package's version and exit 0", async () => {
    for (const flag of ["--version", "-V"]) {
      const run = await runCli([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(version);
    }
  });

  it("--to without a scheme is refused with the whole value quoted and the likely fix", async () => {
    const run = await runCli([
      "send",
      "assemblyai",
      "--to",
      "localhost:3101",
      "--header",
      "X-Webhook-Token: t",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('got "localhost:3101"');
    expect(run.stderr).toContain("did you mean http://localhost:3101?");
    const ftp = await runCli([
      "send",
      "assemblyai",
      "--to",
      "ftp://example.com/x",
      "--header",
      "X-Webhook-Token: t",
    ]);
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toContain('got "ftp://example.com/x"');
    expect(ftp.stderr).not.toContain("did you mean");
  });

  it("prints no colour codes when piped, and honours NO_COLOR over FORCE_COLOR and --no-color", async () => {
    const args = ["verify", "assemblyai", "--header", "X-Webhook-Token: tok-123"];
    const piped = await runCli(args, { stdin: CAPTURE });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain("accepted");
    expect(piped.stdout).not.toContain("\u001b[");

    const forced = await runCli(args, { stdin: CAPTURE, env: { FORCE_COLOR: "1" } });
    expect(forced.stdout).toContain("\u001b[32m"); // green verdict: the switch is real

    const noColor = await runCli(args, { stdin: CAPTURE, env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(noColor.stdout).not.toContain("\u001b[");
    const flag = await runCli(["--no-color", ...args], { stdin: CAPTURE, env: { FORCE_COLOR: "1" } });
    expect(flag.stdout).not.toContain("\u001b[");
  });
});
