import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

const TOKEN = "aai-header-token-value";
const body = '{"transcript_id":"t-77","status":"completed"}';
const capture = (opts: { eol?: string; token?: string; extra?: string; path?: string } = {}) => {
  const eol = opts.eol ?? "\r\n";
  return [
    `POST ${opts.path ?? "/webhooks/assemblyai"} HTTP/1.1`,
    "Host: hooks.example.com",
    "Content-Type: application/json",
    `X-Webhook-Token: ${opts.token ?? TOKEN}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    "",
    body + (opts.extra ?? ""),
  ].join(eol);
};
const verify = (stdin: string, ...args: string[]) =>
  runCli(["verify", "assemblyai", "--header", `X-Webhook-Token: ${TOKEN}`, ...args], { stdin });

describe("scribehook verify", () => {
  it("accepts a good capture (CRLF or LF line endings) and names the event it would produce", async () => {
    const [crlf, lf] = await Promise.all([verify(capture()), verify(capture({ eol: "\n" }))]);
    for (const run of [crlf, lf]) {
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("accepted: would be answered 200");
      expect(run.stdout).toContain("transcription.completed: job t-77");
    }
  });

  it("says why a capture is refused, exits 1, and never prints the expected credential", async () => {
    const run = await verify(capture({ token: "an-old-token" }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("refused: would be answered 401 header_mismatch");
    expect(run.stdout).toContain("hint:");
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it("drops bytes past Content-Length with a note, decodes a chunked body, checks a capture from another mount path", async () => {
    const chunked = [
      "POST /api/hooks/webhooks/assemblyai HTTP/1.1",
      "Content-Type: application/json",
      `X-Webhook-Token: ${TOKEN}`,
      "Transfer-Encoding: chunked",
      "",
      `10\r\n${body.slice(0, 16)}\r\n${(body.length - 16).toString(16)}\r\n${body.slice(16)}\r\n0\r\n\r\n`,
    ].join("\r\n");
    const [trailing, dechunked] = await Promise.all([verify(capture({ extra: "\n\n" })), verify(chunked)]);
    expect(trailing.code).toBe(0);
    expect(trailing.stdout).toContain("2 byte(s) after the 45 declared by Content-Length were ignored");
    expect(dechunked.code).toBe(0);
    expect(dechunked.stdout).toContain("the chunked body was decoded");
    expect(dechunked.stdout).toContain("it is checked as a delivery to /webhooks/assemblyai");
  });

  it("reads --file, and exits 2 on a capture that is not an HTTP request, an empty stdin or no credentials", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scribehook-verify-"));
    writeFileSync(join(dir, "req.txt"), capture());
    const [file, garbage, empty, noCreds] = await Promise.all([
      runCli([
        "verify",
        "assemblyai",
        "--header",
        `X-Webhook-Token: ${TOKEN}`,
        "--file",
        join(dir, "req.txt"),
      ]),
      verify("this is not an HTTP request\n\n{}"),
      verify(""),
      runCli(["verify", "assemblyai"], { stdin: capture() }),
    ]);
    expect(file.code).toBe(0);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toContain("request line");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("stdin was empty");
    expect(noCreds.code).toBe(2);
    expect(noCreds.stderr).toContain("Give the credentials");
  });

  it("checks the signed callback URL of a provider that does not sign, with --secret as the urlTokenSecret", async () => {
    const made = await runCli([
      "callback-url",
      "assemblyai",
      "--base",
      "https://hooks.example.com",
      "--secret",
      "url-secret",
      "--meta",
      "jobId=j-9",
    ]);
    const target = new URL(made.stdout.trim());
    const req = `POST ${target.pathname}${target.search} HTTP/1.1\nContent-Type: application/json\n\n{"status":"redacted_audio_ready"}`;
    const [good, bad] = await Promise.all([
      runCli(["verify", "assemblyai", "--secret", "url-secret"], { stdin: req }),
      runCli(["verify", "assemblyai", "--secret", "other-secret"], { stdin: req }),
    ]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain("job j-9");
    expect(good.stdout).not.toContain(target.searchParams.get("sh_token")!); // the token is masked
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("token_invalid");
  });

  it("refuses an unknown provider with the list of known ones", async () => {
    const run = await runCli(["verify", "nosuchprovider", "--secret", "s"], { stdin: capture() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown provider "nosuchprovider"');
    expect(run.stderr).toContain("assemblyai");
  });

  it("accepts a request captured off the wire from `scribehook send`, and spots a trailing newline a capture gained", async () => {
    const captured = await captureOne([
      "send",
      "instanttranscriber",
      "--secret",
      "it-wire-secret",
      "--job-id",
      "it-wire-1",
    ]);
    expect(captured.toString("latin1")).toMatch(/^POST \/webhooks\/instanttranscriber HTTP\/1\.1\r\n/);
    const withoutLength = `${captured.toString("latin1").replace(/content-length: \d+\r\n/i, "")}\n`;
    const [good, wrong, newline] = await Promise.all([
      runCli(["verify", "instanttranscriber", "--secret", "it-wire-secret"], { stdin: captured }),
      runCli(["verify", "instanttranscriber", "--secret", "another-secret"], { stdin: captured }),
      runCli(["verify", "instanttranscriber", "--secret", "it-wire-secret"], { stdin: withoutLength }),
    ]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain("job it-wire-1");
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain("401 signature_mismatch");
    expect(wrong.stdout + wrong.stderr).not.toContain("another-secret");
    expect(newline.code).toBe(1);
    expect(newline.stdout).toContain("matches once the trailing newline at the end of the body is removed");
  });
});

/** Runs `scribehook <args> --to <capture server>` and returns the raw bytes of the request it sent. */
async function captureOne(args: string[]): Promise<Buffer> {
  let received = Buffer.alloc(0);
  const server = createServer((socket) => {
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      const head = received.indexOf("\r\n\r\n");
      const length = Number(/content-length: (\d+)/i.exec(received.toString("latin1"))?.[1] ?? 0);
      if (head !== -1 && received.length >= head + 4 + length) {
        socket.end("HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const run = await runCli([...args, "--to", `http://127.0.0.1:${port}/webhooks/instanttranscriber`]);
  server.close();
  expect(run.code).toBe(0);
  return received;
}
