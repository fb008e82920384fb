/**
 * Words for the data a provider definition declares: the pieces both generated documents (the README's
 * provider table and docs/providers.md) are made of.
 */

import type { FieldPaths, SignatureScheme } from "../../packages/core/src/providers/declared";
import type { ProviderDefinition } from "../../packages/core/src/providers/define-provider";
import { resultClients } from "../../packages/core/src/transcript/registry";

export type Definition = ProviderDefinition<string, any>;

const list = (v: FieldPaths | readonly string[]) => (typeof v === "string" ? [v] : [...v]);
const code = (s: string) => `\`${s}\``;

/** `a`, else `b`, else `c`. */
export const paths = (v: FieldPaths) => list(v).map(code).join(", else ");

const FORMAT: Record<string, string> = {
  json: "JSON",
  form: "form",
  text: "text",
  empty: "empty",
  multipart: "multipart",
  binary: "bytes",
};

export const formats = (d: Definition) => (d.formats ?? ["json"]).map((f) => FORMAT[f] ?? f).join(", ");
export const methods = (d: Definition) => d.methods.join(", ");

/** `X-Sig: sha256=<hex HMAC-SHA256(secret, body)>`, and its entries, id and timestamp. */
export function scheme(s: SignatureScheme): string {
  const header = list(s.header);
  const signed = (s.signed ?? "{body}")
    .replaceAll("{body}", "body")
    .replaceAll("{timestamp}", "timestamp")
    .replaceAll("{id}", "id");
  const prefix = (s.prefix ?? "").replace("{algorithm}", s.algorithm);
  const one = `${prefix}<${s.encoding} HMAC-${s.algorithm.toUpperCase()}(secret, "${signed}")>`;
  const parts = [`${code(`${header[0]}: ${one}`)}`];
  if (s.separator !== undefined) {
    const sep = s.separator === " " ? "spaces" : code(s.separator);
    parts.push(`several entries separated by ${sep}, any may match`);
  }
  if (s.id !== undefined) parts.push(`id from ${list(s.id).map(code).join(" or ")}`);
  const ts = s.timestamp;
  if (ts) {
    const where = ts.header ? list(ts.header).map(code).join(" or ") : `the ${code(ts.entry!)} entry`;
    parts.push(`timestamp from ${where}, within ${window(ts.window)} both ways`);
  }
  if (header.length > 1) parts.push(`also read from ${header.slice(1).map(code).join(", ")}`);
  return parts.join("; ");
}

function window(w: number | string | undefined): string {
  if (w === undefined) return "5 min";
  if (typeof w === "string") return w.replace(/m$/, " min").replace(/s$/, " s");
  return `${w / 1000} s`;
}

/** The authentication cell: what to configure (`brief`: without the scheme, shown on its own). */
export function auth(d: Definition, brief = false): string {
  const how: Record<string, string> = {
    signature: d.signature && !brief ? `\`secret\`: ${scheme(d.signature)}` : "`secret` (its signature)",
    headers: "`headers` (a header you set up with the job, echoed back)",
    urlToken: "`urlToken` (it calls the URL you give it)",
    none: "nothing: `insecureNoAuth` only",
  };
  const parts = [how[d.auth ?? (d.signature ? "signature" : "none")]!];
  if (d.documentedIps?.length) parts.push('`allowIps: "documented"` available');
  if (d.handshake) parts.push("handshake answered");
  if (d.successResponse) parts.push(`answers exactly \`${String(d.successResponse.body)}\``);
  return parts.join("; ");
}

/** How `event.transcript()` gets the words, from the provider's result client. */
export function transcript(id: string): string {
  const client = resultClients[id];
  if (client?.inline) return client.fetch ? "inline (API if absent)" : "inline";
  return client?.fetch ? "API" : "none";
}

/** Functions on the definition: what data could not say. */
export function handWritten(d: Definition): string[] {
  const hooks = ["handshake", "verifySignature", "signingKey", "parse", "normalise", "checkConfig"] as const;
  return hooks.filter((h) => typeof d[h] === "function");
}
