import { createHash, createHmac, randomUUID } from "node:crypto";

/** How a benchmark request is signed. */
export type DeliveryKind = "instanttranscriber" | "github";

/** The secret every benchmark server and the load generator share. */
export const BENCH_SECRET = "bench-secret-0123456789abcdef";

/**
 * A realistic transcript body of about `bytes` bytes, JSON, with the job id LAST: the bytes before it
 * are the same for every request, so the HMAC state over them is computed once and every request only
 * hashes its own tail. That keeps the load generator cheap at 1 MB while each request is a fresh,
 * correctly signed delivery (a duplicate would hit scribehook's dedupe short-circuit and flatter it).
 *
 * Shape: InstantTranscriber's `{ status, download_urls, …, id }` with a word-level transcript, so
 * JSON.parse does the work a real payload costs (many small objects, not one long string).
 */
export function bodyParts(bytes: number): { prefix: Buffer; suffix: (id: string) => Buffer } {
  const head = `{"status":"completed","download_urls":{"txt":"https://api.instanttranscriber.com/v1/t/download?format=txt","srt":"https://api.instanttranscriber.com/v1/t/download?format=srt"},"words":[`;
  const tailFor = (id: string) => `],"id":"${id}"}`;
  const tailLength = Buffer.byteLength(tailFor(randomUUID()));
  const words: string[] = [];
  let length = head.length + tailLength;
  const vocabulary = [
    "the",
    "meeting",
    "starts",
    "at",
    "nine",
    "transcription",
    "webhook",
    "provider",
    "okay",
  ];
  for (let i = 0; ; i++) {
    const start = (i * 0.37).toFixed(2);
    const end = (i * 0.37 + 0.31).toFixed(2);
    const word = `{"text":"${vocabulary[i % vocabulary.length]}","start":${start},"end":${end},"confidence":0.9${i % 10},"speaker":${i % 3}}`;
    const add = word.length + (words.length > 0 ? 1 : 0);
    if (length + add > bytes) break;
    words.push(word);
    length += add;
  }
  const prefix = Buffer.from(head + words.join(","));
  return { prefix, suffix: (id) => Buffer.from(tailFor(id)) };
}

/**
 * HMAC-SHA256 over `prefix + tail`, with the inner hash of the prefix computed once
 * (HMAC(K, m) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), and `Hash.copy()` forks the inner state).
 * Checked against `createHmac` when made.
 */
export function prefixedHmac(secret: string, prefix: Buffer): (tail: Buffer) => string {
  const key = Buffer.alloc(64);
  const raw = Buffer.from(secret);
  if (raw.length > 64) throw new Error("bench secret must be at most 64 bytes");
  raw.copy(key);
  const ipad = Buffer.from(key.map((b) => b ^ 0x36));
  const opad = Buffer.from(key.map((b) => b ^ 0x5c));
  const inner = createHash("sha256").update(ipad).update(prefix);
  const sign = (tail: Buffer) =>
    createHash("sha256").update(opad).update(inner.copy().update(tail).digest()).digest("hex");
  const probe = Buffer.from('"probe"}');
  const expected = createHmac("sha256", secret)
    .update(Buffer.concat([prefix, probe]))
    .digest("hex");
  if (sign(probe) !== expected) throw new Error("prefixedHmac does not agree with createHmac");
  return sign;
}

/** A generator of fresh signed deliveries of one kind and size: a new job id (and delivery id) each call. */
export function deliveries(
  kind: DeliveryKind,
  bytes: number,
  secret = BENCH_SECRET,
): () => { body: Buffer; headers: Record<string, string> } {
  const { prefix, suffix } = bodyParts(bytes);
  const sign = prefixedHmac(secret, prefix);
  return () => {
    const id = randomUUID();
    const tail = suffix(id);
    const body = Buffer.concat([prefix, tail], prefix.length + tail.length);
    const signature = `sha256=${sign(tail)}`;
    const headers: Record<string, string> =
      kind === "github"
        ? {
            "content-type": "application/json",
            "x-github-event": "push",
            "x-github-delivery": id,
            "x-hub-signature-256": signature,
          }
        : { "content-type": "application/json", "x-instanttranscriber-signature": signature };
    return { body, headers };
  };
}
