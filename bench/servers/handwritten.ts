import { createHmac, timingSafeEqual } from "node:crypto";
import { BENCH_SECRET } from "../payload";
import { handled } from "./common";

/**
 * What any verifying receiver must do, written by hand once for the three framework references:
 * HMAC-SHA256 over the raw body, timingSafeEqual, JSON.parse, read the job id and the words — and
 * nothing else (no dedupe, no normalisation, no error contract). Returns the status to answer.
 */
export function verifyByHand(body: Buffer, signatureHeader: unknown): 200 | 400 | 401 {
  const header = typeof signatureHeader === "string" ? signatureHeader : "";
  const given = Buffer.from(header.slice("sha256=".length), "hex");
  const expected = createHmac("sha256", BENCH_SECRET).update(body).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 401;
  const payload = JSON.parse(body.toString("utf8")) as { id?: string; words?: unknown };
  if (!payload.id || !Array.isArray(payload.words)) return 400;
  handled.count++;
  return 200;
}

/** InstantTranscriber's signature header, the one the bench signs. */
export const SIGNATURE_HEADER = "x-instanttranscriber-signature";
