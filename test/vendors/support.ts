import { createReceiver, type ProviderConfig, type TranscriptionEvent } from "@scribehook/core";
import type { SampleDelivery } from "@scribehook/testing";

/**
 * A receiver for one provider, and how to send it a delivery through its Fetch handler
 * (`receiver.fetch`), exactly as a framework-free deployment receives it.
 */
export function receiverFor(provider: string, config: ProviderConfig) {
  const receiver = createReceiver({ providers: { [provider]: config } });
  const events: TranscriptionEvent[] = [];
  receiver.onAny((e) => {
    events.push(e);
  });
  async function send(request: { headers: Record<string, string>; body: string; path?: string }) {
    const res = await receiver.fetch(
      new Request(`http://localhost${request.path ?? `/webhooks/${provider}`}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...request.headers },
        body: request.body,
      }),
    );
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: res.status, json, text };
  }
  return { receiver, events, send };
}

/** The headers of a sample delivery as a vendor verifier takes them. */
export const headersOf = (d: SampleDelivery): Record<string, string> => ({ ...d.headers });

export const nowSeconds = () => Math.floor(Date.now() / 1000);
