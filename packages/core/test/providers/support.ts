import { createHmac } from "node:crypto";
import { createReceiver, type ReceiverOptions, type TranscriptionEvent } from "@scribehook/core";

/** A receiver plus every event and rejection it produced, for provider tests. */
export function harness(options: ReceiverOptions) {
  const receiver = createReceiver(options);
  const events: TranscriptionEvent[] = [];
  const rejected: { status: number; code: string }[] = [];
  receiver.onAny((e) => {
    events.push(e);
  });
  receiver.onRejected((r) => {
    rejected.push({ status: r.status, code: r.code });
  });
  async function send(req: {
    method?: string;
    url: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }) {
    const res = await receiver.handle({
      method: req.method ?? "POST",
      url: req.url,
      headers: req.headers ?? {},
      body: req.body ?? "",
    });
    let json: any;
    try {
      json = JSON.parse(res.body);
    } catch {}
    return { ...res, json };
  }
  return { receiver, events, rejected, send };
}

/**
 * HMAC of `data` with `secret`, written the way the test asks: for signatures the delivery builder
 * (`signDelivery()`) does not make on purpose — overridden schemes, malformed headers, handshakes.
 * Well-formed deliveries are signed by the builder.
 */
export function hmac(
  secret: string | Buffer,
  data: string | Buffer,
  encoding: "hex" | "base64" = "hex",
  algorithm = "sha256",
): string {
  return createHmac(algorithm, secret).update(data).digest(encoding);
}

export const now = () => Math.floor(Date.now() / 1000);
