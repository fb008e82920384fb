import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The transcript code must run on edge runtimes (web standards only) and each provider's result
// client must bundle alone. esbuild (tsup's bundler) checks both: `platform: "neutral"` cannot
// resolve a Node built-in, and a one-provider bundle must not carry another provider's host.
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { text: string }[] }>;
}
const esbuild = createRequire(createRequire(import.meta.url).resolve("tsup"))("esbuild") as Esbuild;
const dir = fileURLToPath(new URL("../../src/transcript/", import.meta.url));

const HOSTS: Record<string, string> = {
  assemblyai: "api.assemblyai.com",
  revai: "api.rev.ai",
  speechmatics: "asr.api.speechmatics.com",
  soniox: "api.soniox.com",
  gladia: "api.gladia.io",
  elevenlabs: "api.elevenlabs.io",
  threeplay: "api.3playmedia.com",
  revcom: "api.rev.com",
  scriptix: "api.scriptix.io",
  instanttranscriber: "api.instanttranscriber.com",
};

async function bundle(contents: string): Promise<string> {
  const out = await esbuild.build({
    stdin: { contents, resolveDir: dir, loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    treeShaking: true,
    logLevel: "silent",
  });
  return out.outputFiles[0]!.text;
}

describe("transcript code on edge runtimes", () => {
  it("fetchTranscript, createEvent and every provider bundle with no Node built-in", async () => {
    const code = await bundle(`export { fetchTranscript, fetchJobStatus, createEvent } from "./index";`);
    for (const host of Object.values(HOSTS)) expect(code).toContain(host);
    expect(code).not.toMatch(/from\s*["']node:|require\(/);
  });

  it.each(Object.keys(HOSTS))(
    "the %s result client bundles alone, without the other providers",
    async (id) => {
      const code = await bundle(`export { ${id}Result } from "./providers/${id}";`);
      expect(code).toContain(HOSTS[id]);
      for (const [other, host] of Object.entries(HOSTS)) if (other !== id) expect(code).not.toContain(host);
    },
  );
});
