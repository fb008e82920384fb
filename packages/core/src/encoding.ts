/**
 * Text and binary encodings with web standards only (`TextEncoder`, `atob`, `btoa`), so the same code
 * runs in Node, Workers, Deno, Bun and edge runtimes.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 bytes of a text; bytes are returned as they are. */
export const utf8Bytes = (value: string | Uint8Array): Uint8Array =>
  typeof value === "string" ? encoder.encode(value) : value;

/** Text of UTF-8 bytes (invalid sequences read as U+FFFD, a leading BOM dropped). */
export const utf8Text = (bytes: Uint8Array): string => decoder.decode(bytes);

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += (byte < 16 ? "0" : "") + byte.toString(16);
  return out;
}

/** Bytes of an even-length hex text, or `undefined` when it is not hex. */
export function fromHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = hexValue(text.charCodeAt(2 * i));
    const low = hexValue(text.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) return undefined;
    out[i] = high * 16 + low;
  }
  return out;
}

/** The value of one hex digit's character code, or -1. */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  const lower = code | 0x20; // A-F → a-f
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** Base64 (`url`: base64url without padding) of bytes. */
export function toBase64(bytes: Uint8Array, url = false): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  const text = btoa(binary);
  return url ? text.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "") : text;
}

/**
 * Bytes of a base64 or base64url text, padded or not, or `undefined` when it is neither. Like Node's
 * `Buffer.from(text, "base64")`, both alphabets are read.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) return undefined;
  let plain = text.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  if (plain.length % 4 === 1) return undefined;
  plain += "=".repeat((4 - (plain.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(plain);
  } catch {
    return undefined;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
