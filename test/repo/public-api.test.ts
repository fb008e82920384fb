import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BUILTIN_PROVIDER_IDS } from "../../packages/core/src/providers/ids";

// The runtime exports of every package entry, pinned: adding one is a decision (users will call it,
// so it is documented with an example), removing one is a breaking change (a changeset says so).
// Internal helpers are imported by tests from their source modules, never from an entry.

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Exports whose JSDoc still lacks an `@example`, in packages/core/src/providers/ (being rewritten as
 * declarative definitions at the time of writing). The test fails when one gains its example, so
 * that this list only shrinks: remove the name then.
 */
const EXAMPLE_STILL_MISSING = [
  "builtinProviders",
  "azure",
  "deepgram",
  "elevenlabs",
  "ibm",
  "revai",
  "revcom",
  "soniox",
  "speechmatics",
  "standardwebhooks",
  "verbit",
];

/** Entry → its source file and the runtime names it exports. */
const ENTRIES: Record<string, { source: string; load: () => Promise<object>; names: string[] }> = {
  "@scribehook/core": {
    source: "packages/core/src/index.ts",
    load: () => import("@scribehook/core"),
    names: [
      "URL_TOKEN_PARAM",
      "TranscriptError",
      "WebhookError",
      "assertHmac",
      "builtinProviders",
      "computeHmac",
      "createEnqueueOnce",
      "createEvent",
      "createReceiver",
      "defineProvider",
      "defineResultClient",
      "fetchCaptions",
      "fetchJobStatus",
      "fetchTranscript",
      "hmacSignature",
      "ipAllowList",
      "memoryStore",
      "memoryWatchdog",
      "multipartBoundary",
      "parseBytes",
      "parseDuration",
      "parseMultipart",
      "pollJob",
      "queueJobId",
      "renderCaptions",
      "resultClients",
      "resultReader",
      "reviveEvent",
      "reviveOverdue",
      "safeEqual",
      "signCallbackUrl",
      "verifyHmac",
      "verifyStandardWebhook",
      "verifyStaticHeaders",
      "verifyTimestamp",
      "verifyUrlToken",
    ],
  },
  "@scribehook/core/fetch": {
    source: "packages/core/src/fetch.ts",
    load: () => import("../../packages/core/src/fetch"),
    names: [
      "WebhookError",
      "createEnqueueOnce",
      "createReceiver",
      "defineProvider",
      "hmacSignature",
      "ipAllowList",
      "memoryStore",
      "memoryWatchdog",
      "parseMultipart",
      "resultReader",
      "signCallbackUrl",
    ],
  },
  "@scribehook/express": {
    source: "packages/express/src/index.ts",
    load: () => import("@scribehook/express"),
    names: ["transcriptionWebhook"],
  },
  "@scribehook/koa": {
    source: "packages/koa/src/index.ts",
    load: () => import("@scribehook/koa"),
    names: ["transcriptionWebhook"],
  },
  "@scribehook/fastify": {
    source: "packages/fastify/src/index.ts",
    load: () => import("@scribehook/fastify"),
    names: ["transcriptionWebhook"],
  },
  "@scribehook/redis": {
    source: "packages/redis/src/index.ts",
    load: () => import("@scribehook/redis"),
    names: ["redisStore"],
  },
  "@scribehook/bullmq": {
    source: "packages/bullmq/src/index.ts",
    load: () => import("@scribehook/bullmq"),
    names: ["UnrecoverableError", "bullmqQueue", "transcriptionWorker"],
  },
  "@scribehook/testing": {
    source: "packages/testing/src/index.ts",
    load: () => import("@scribehook/testing"),
    names: ["dedupeStoreContract", "fakeProviderApi", "signDelivery"],
  },
};

/** Every `.ts` file under a package's src/, with its text. */
function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => ({ file: join(dir, f), text: readFileSync(join(root, dir, f), "utf8") }));
}

/**
 * The JSDoc block right before the declaration of `name` (`export function|const|class name`), or
 * before an `export { name } from` statement that re-exports another package's value.
 */
function docOf(pkgSrc: string, name: string): string | undefined {
  const declaration = new RegExp(
    String.raw`/\*\*((?:(?!\*/)[\s\S])*)\*/\s*export (?:async )?(?:function\*? |const |class |let )${name}\b`,
  );
  const reexport = new RegExp(
    String.raw`/\*\*((?:(?!\*/)[\s\S])*)\*/\s*export \{[^}]*\b${name}\b[^}]*\} from "(?!\.)`,
  );
  for (const { text } of [...sources(pkgSrc), ...sources("packages/core/src")]) {
    const m = declaration.exec(text) ?? reexport.exec(text);
    if (m) return m[1];
  }
  return undefined;
}

describe("public API", () => {
  it.each(Object.entries(ENTRIES))("%s exports at runtime exactly what users call", async (_entry, e) => {
    expect(Object.keys(await e.load()).sort()).toEqual([...e.names].sort());
  });

  it.each(Object.entries(ENTRIES))("every runtime export of %s has JSDoc with an @example", (_entry, e) => {
    const pkgSrc = e.source.replace(/\/[^/]+$/, "");
    const missing = e.names.filter((name) => !/@example\b/.test(docOf(pkgSrc, name) ?? ""));
    expect(missing).toEqual(e.names.filter((name) => EXAMPLE_STILL_MISSING.includes(name)));
  });

  it("each provider sub-path entry (@scribehook/core/providers/<id>) exports its definition, documented with an example", async () => {
    const missing: string[] = [];
    for (const id of BUILTIN_PROVIDER_IDS) {
      const mod = await import(`../../packages/core/src/providers/${id}.ts`);
      expect(Object.keys(mod)).toContain(id);
      if (!/@example\b/.test(docOf("packages/core/src/providers", id) ?? "")) missing.push(id);
    }
    expect(missing).toEqual(BUILTIN_PROVIDER_IDS.filter((id) => EXAMPLE_STILL_MISSING.includes(id)));
  });

  it("each result reader sub-path entry (@scribehook/core/results/<id>) exports <id>Results alone, documented with an example", async () => {
    const missing: string[] = [];
    for (const id of BUILTIN_PROVIDER_IDS) {
      const mod = await import(`../../packages/core/src/results/${id}.ts`);
      expect(Object.keys(mod)).toEqual([`${id}Results`]);
      expect(mod[`${id}Results`].client.id).toBe(id);
      if (!/@example\b/.test(docOf("packages/core/src/results", `${id}Results`) ?? "")) missing.push(id);
    }
    expect(missing).toEqual([]);
  });
});
