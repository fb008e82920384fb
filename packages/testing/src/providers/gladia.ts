import { randomUUID } from "node:crypto";
import { delivery, providerStatus } from "../delivery";
import type { SampleDelivery, SignDeliveryOptions } from "../types";

/**
 * A Gladia v2 pre-recorded callback, POST (or `method: "PUT"`) JSON. `"completed"` sends
 * `{ id, event: "transcription.success", payload: { metadata, transcription: { full_transcript,
 * languages, utterances } } }`; `"failed"` sends `{ id, event: "transcription.error", error: { code,
 * message } }`. Gladia's older spellings work too: pass `status: "success"` or `status: "error"`.
 * Gladia does not sign its callbacks: pass a `callbackUrl` from `receiver.callbackUrl()`.
 *
 * @example
 * ```ts
 * gladiaDelivery({ method: "PUT", status: "error", callbackUrl: receiver.callbackUrl({ provider: "gladia", baseUrl }) });
 * ```
 */
export function gladiaDelivery(options: SignDeliveryOptions): SampleDelivery {
  const id = options.jobId ?? randomUUID();
  const event = providerStatus(options, {
    completed: "transcription.success",
    failed: "transcription.error",
  });
  const failed = event === "error" || event === "transcription.error";
  const sample = failed
    ? { id, event, error: { code: 422, message: "The audio file could not be decoded" } }
    : { id, event, payload: SUCCESS };
  return delivery("gladia", options, {
    methods: ["POST", "PUT"],
    body: JSON.stringify({ ...sample, ...options.payload }),
    headers: { "content-type": "application/json" },
  });
}

const words = (text: string, start: number) =>
  text.split(" ").map((word, i) => ({
    word: i === 0 ? word : ` ${word}`,
    start: start + i * 0.4,
    end: start + i * 0.4 + 0.35,
    confidence: 0.97,
  }));

const UTTERANCES = [
  { text: "Welcome to the quarterly review.", start: 0.2, speaker: 0 },
  { text: "Thanks, let us start with the numbers.", start: 2.6, speaker: 1 },
].map((u) => ({
  text: u.text,
  language: "en",
  start: u.start,
  end: u.start + u.text.split(" ").length * 0.4,
  confidence: 0.97,
  channel: 0,
  speaker: u.speaker,
  words: words(u.text, u.start),
}));

const SUCCESS = {
  metadata: {
    audio_duration: 5.4,
    number_of_distinct_channels: 1,
    billing_time: 5.4,
    transcription_time: 3.1,
  },
  transcription: {
    full_transcript: UTTERANCES.map((u) => u.text).join(" "),
    languages: ["en"],
    utterances: UTTERANCES,
  },
};
