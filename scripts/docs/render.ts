/**
 * The generated documents: the README's provider table (between its marker comments) and
 * docs/providers.md, both made from the provider definitions only. `pnpm docs` writes them;
 * test/repo/docs-drift.test.ts fails when the checked-in files differ.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { auth, type Definition, formats, handWritten, methods, paths, scheme, transcript } from "./describe";

export const README_START = "<!-- providers:start -->";
export const README_END = "<!-- providers:end -->";
const GENERATED =
  "<!-- Generated from the provider definitions (packages/core/src/providers/<id>.ts) by `npx -y pnpm@10 run docs`. Do not edit: change a definition and run it. -->";

const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
const cell = (s: string) => s.replaceAll("|", "\\|");

/** The overview table: one row per provider. */
export function providerTable(definitions: readonly Definition[]): string {
  return [
    row(["id", "name", "authentication", "methods", "formats", "`jobId` is", "transcript"]),
    row(Array(7).fill("---")),
    ...definitions.map((d) =>
      row([
        `\`${d.id}\``,
        d.docs ? `[${d.name}](${d.docs})` : d.name,
        cell(auth(d)),
        methods(d),
        formats(d),
        d.jobId === undefined ? "in code" : cell(paths(d.jobId)),
        transcript(d.id),
      ]),
    ),
  ].join("\n");
}

/** The README's section between the markers, with the generated table. */
export function readmeSection(definitions: readonly Definition[]): string {
  return [
    README_START,
    GENERATED,
    `${definitions.length} providers ship; add your own with \`defineProvider()\` ([docs/custom-providers.md](docs/custom-providers.md)).`,
    "Status tables, signature schemes and notes per provider: [docs/providers.md](docs/providers.md).",
    "The transcript column says how `event.transcript()` gets the words: [docs/transcripts.md](docs/transcripts.md).",
    "",
    providerTable(definitions),
    README_END,
  ].join("\n");
}

/** `readme` with its provider section replaced; throws when the markers are missing. */
export function withReadmeSection(readme: string, definitions: readonly Definition[]): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end < start)
    throw new Error(`README.md: the ${README_START} … ${README_END} markers are missing`);
  return readme.slice(0, start) + readmeSection(definitions) + readme.slice(end + README_END.length);
}

/** docs/providers.md. */
export function providersDoc(definitions: readonly Definition[]): string {
  return [
    "# Providers",
    "",
    GENERATED,
    "",
    "Every provider scribehook ships. Deliveries go to `POST <path>/<id>` (default path `/webhooks`);",
    "only providers configured under `providers` are accepted. Authentication is what to configure:",
    "`secret` (the provider's HMAC signature over the raw bytes), `headers` (a header you set up with the",
    "job, compared in constant time), or `urlToken` (the provider cannot authenticate: give it a signed URL",
    "from `receiver.callbackUrl()`). What the providers share — handshakes, where scribehook differs from",
    "the senders' own verifiers, configuration examples, unconfirmed details — is in",
    "[provider-notes.md](provider-notes.md); a provider of your own is in [custom-providers.md](custom-providers.md).",
    "",
    "**Overriding a signature scheme.** `signature: { header, algorithm, encoding, prefix }` in a signing",
    "provider's configuration replaces those fields of its declared scheme, the same way for every provider;",
    "what is signed, the timestamp and the separator of a multi-signature header stay. A declared prefix",
    "`{algorithm}=` follows an overridden algorithm. For a multi-signature header (Standard Webhooks,",
    "ElevenLabs) `header` names the header holding the list (the `svix-` fallback is then not read),",
    "`prefix` the tag every entry needs (`v1,`, `v0=`), and `algorithm` / `encoding` apply to each entry.",
    "",
    providerTable(definitions),
    "",
    ...definitions.flatMap(section),
  ].join("\n");
}

function section(d: Definition): string[] {
  const facts: [string, string][] = [
    ["authentication", auth(d, true)],
    ["methods", methods(d)],
    ["formats", formats(d)],
    ["`jobId`", d.jobId === undefined ? "in code" : paths(d.jobId)],
  ];
  if (d.signature) facts.splice(1, 0, ["signature scheme", scheme(d.signature)]);
  if (d.documentedIps?.length) facts.push(["documented addresses", d.documentedIps.join(", ")]);
  if (d.maxBodyBytes) facts.push(["default body limit", `${d.maxBodyBytes} bytes`]);
  facts.push(["transcript", transcript(d.id)]);
  const hooks = handWritten(d);
  if (hooks.length) facts.push(["hand-written", hooks.map((h) => `\`${h}\``).join(", ")]);
  const out = [`## ${d.name} (\`${d.id}\`)`, ""];
  if (d.docs) out.push(`The provider's documentation: <${d.docs}>`, "");
  out.push(row(["", ""]), row(["---", "---"]), ...facts.map(([k, v]) => row([k, cell(v)])), "");
  out.push(...statusTable(d), ...notes(d));
  return out;
}

function statusTable(d: Definition): string[] {
  const s = d.status;
  if (!s) return [];
  const from =
    typeof s.field === "function"
      ? "derived from the body (the provider sends no status)"
      : `read from ${paths(s.field)}`;
  const how = [
    s.ignoreCase ? "case-insensitive" : "",
    s.match === "suffix" ? "a key also matches a status ending in `.key` or `_key`" : "",
  ]
    .filter(Boolean)
    .join("; ");
  const out = [
    `**Status** (${from}${how ? `; ${how}` : ""}):`,
    "",
    row(["sent", "status"]),
    row(["---", "---"]),
  ];
  for (const [sent, status] of Object.entries(s.table)) out.push(row([`\`${sent}\``, status]));
  out.push(row(["anything else", s.otherwise ?? "other"]), "");
  const e = d.error;
  if (e) {
    const parts = [
      e.code ? `code from ${paths(e.code)}` : "",
      e.message ? `message from ${paths(e.message)}` : "",
    ];
    const read = parts.filter(Boolean).join(", ");
    out.push(
      `A failed or cancelled job's error: ${read ? `${read}, ` : ""}else the message "${e.fallback}".`,
      "",
    );
  }
  return out;
}

/** The definition's own JSDoc (the prose above `export const <id> = defineProvider`), as Markdown. */
function notes(d: Definition): string[] {
  const file = fileURLToPath(new URL(`../../packages/core/src/providers/${d.id}.ts`, import.meta.url));
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const at = source.indexOf(`export const ${d.id} = defineProvider`);
  const open = source.lastIndexOf("/**", at);
  const close = source.lastIndexOf("*/", at);
  if (at === -1 || open === -1 || close < open || source.slice(close + 2, at).trim() !== "") return [];
  const text = source
    .slice(open + 3, close)
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""))
    .filter((line) => line.trim() !== "@example")
    .join("\n")
    .trim();
  return ["**Notes** (from the definition):", "", text, ""];
}
