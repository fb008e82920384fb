import { hmac, timingSafeEqual } from "#crypto";
import { fromBase64, fromHex } from "../encoding";
import { unauthorized } from "../errors";
import type { CompiledSignature } from "./hmac-signature";
import { verifyTimestamp } from "./timestamp";

type Header = (name: string) => string | undefined;

/** The first of several header names that was sent. */
function read(header: Header, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = header(name);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A candidate signature's bytes, or `undefined` when it lacks the prefix or is not in the encoding. */
function decode(candidate: string, sig: CompiledSignature): Uint8Array | undefined {
  let text = candidate;
  if (sig.prefix) {
    if (text.slice(0, sig.prefix.length).toLowerCase() !== sig.prefix.toLowerCase()) return undefined;
    text = text.slice(sig.prefix.length);
  }
  if (text.length === 0) return undefined;
  return sig.encoding === "hex" ? fromHex(text) : fromBase64(text);
}

/**
 * Verifies a compiled signature scheme over `data` (the raw body, or a handshake's challenge): reads
 * the header (every entry of a multi-signature header), the signed id and timestamp, computes the HMAC
 * once per key, compares in constant time against every key (so the time taken does not say which one
 * matched), then checks the timestamp window. Returns the index of the first key that matched.
 * Throws a 401 `WebhookError` (`signature_missing`, `signature_mismatch`, `timestamp_missing`,
 * `timestamp_too_old`, `timestamp_too_new`) naming the header, never a secret.
 *
 * @example
 * ```ts
 * await checkSignature(ctx.config.signature!, ctx.header, ctx.body, ctx.config.tolerance);
 * ```
 */
export async function checkSignature(
  sig: CompiledSignature,
  header: Header,
  data: string | Uint8Array,
  toleranceSeconds?: number,
  now?: number,
): Promise<number> {
  const name = sig.header[0];
  const value = read(header, sig.header)?.trim();
  if (!value) throw unauthorized("signature_missing", `The ${name} header is missing`);
  let timestamp: string | undefined;
  let candidates: (Uint8Array | undefined)[];
  if (sig.separator === undefined) candidates = [decode(value, sig)];
  else {
    candidates = [];
    for (const raw of value.split(sig.separator)) {
      const entry = raw.trim();
      if (sig.timestampEntry !== undefined && entry.startsWith(sig.timestampEntry)) {
        timestamp = entry.slice(sig.timestampEntry.length).trim();
      } else if (entry !== "") candidates.push(decode(entry, sig));
    }
    if (candidates.length === 0)
      throw unauthorized("signature_missing", `The ${name} header has no signature`);
  }
  let id: string | undefined;
  if (sig.id) {
    id = read(header, sig.id);
    if (!id) throw unauthorized("signature_missing", `The ${sig.id[0]} header is missing`);
  }
  if (sig.timestampHeader) timestamp = read(header, sig.timestampHeader);
  if ((sig.timestampHeader || sig.timestampEntry !== undefined) && !timestamp) {
    const where = sig.timestampHeader
      ? `The ${sig.timestampHeader[0]} header is missing`
      : `The ${name} header has no ${sig.timestampEntry}`;
    throw unauthorized("timestamp_missing", where);
  }
  const signed =
    sig.parts.length === 1 && sig.parts[0] === "{body}"
      ? data
      : sig.parts.map((p) =>
          p === "{body}" ? data : p === "{timestamp}" ? timestamp! : p === "{id}" ? id! : p,
        );
  let matched = -1;
  for (let i = 0; i < sig.keys.length; i++) {
    const key = sig.keys[i]!;
    // An empty key (an unset environment variable) is one anybody can sign with: it never matches.
    if (key.length === 0) continue;
    const expected = await hmac(sig.algorithm, key, signed);
    for (const given of candidates) {
      if (given && timingSafeEqual(expected, given) && matched === -1) matched = i;
    }
  }
  if (matched === -1) {
    throw unauthorized(
      "signature_mismatch",
      `The ${name} signature does not match: check the secret, and that nothing re-encoded the body before scribehook`,
    );
  }
  // Checked after the signature, so a forged request is told "signature_mismatch", a replay "too old".
  if (timestamp !== undefined) {
    verifyTimestamp(timestamp, { toleranceSeconds: toleranceSeconds ?? sig.windowSeconds, now });
  }
  return matched;
}
