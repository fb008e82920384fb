import {
  type AssemblyAIPayload,
  type AzurePayload,
  createReceiver,
  type DeepgramPayload,
  type ElevenLabsPayload,
  type EventType,
  type GladiaPayload,
  type IBMPayload,
  type InstantTranscriberPayload,
  type ProviderId,
  type RejectedDelivery,
  type RevAIPayload,
  type RevComPayload,
  type ScriptixPayload,
  type SonioxPayload,
  type SpeechmaticsPayload,
  type StandardWebhooksPayload,
  type ThreePlayPayload,
  type TranscriptionEvent,
  type VerbitPayload,
  type WebhookErrorCode,
} from "@scribehook/core";
import { describe, expectTypeOf, it } from "vitest";

// Type tests (vitest typecheck): nothing here runs; every assertion is checked by tsc.

const hooks = createReceiver({ providers: { assemblyai: { headers: { "x-webhook-token": "t" } } } });

describe("on(type) narrows the event to that type", () => {
  it("transcription.completed: type and status are the completed ones", () => {
    hooks.on("transcription.completed", (event) => {
      expectTypeOf(event.type).toEqualTypeOf<"transcription.completed">();
      expectTypeOf(event.status).toEqualTypeOf<"completed">();
    });
    hooks.onComplete((event) => {
      expectTypeOf(event.type).toEqualTypeOf<"transcription.completed">();
      expectTypeOf(event.status).toEqualTypeOf<"completed">();
    });
  });

  it("transcription.failed: failed or cancelled", () => {
    hooks.on("transcription.failed", (event) => {
      expectTypeOf(event.type).toEqualTypeOf<"transcription.failed">();
      expectTypeOf(event.status).toEqualTypeOf<"failed" | "cancelled">();
    });
    hooks.onFailed((event) => {
      expectTypeOf(event.status).toEqualTypeOf<"failed" | "cancelled">();
    });
  });

  it("transcription.updated: processing or other", () => {
    hooks.on("transcription.updated", (event) => {
      expectTypeOf(event.type).toEqualTypeOf<"transcription.updated">();
      expectTypeOf(event.status).toEqualTypeOf<"processing" | "other">();
    });
  });

  it("onAny gets every type, and checking event.type narrows it there", () => {
    hooks.onAny((event) => {
      expectTypeOf(event.type).toEqualTypeOf<EventType>();
      if (event.type === "transcription.failed") {
        expectTypeOf(event.status).toEqualTypeOf<"failed" | "cancelled">();
      }
    });
  });

  it("refuses a type that does not exist, and a handler for another type", () => {
    // @ts-expect-error not an event type
    hooks.on("transcription.done", () => {});
    const completedOnly = (event: TranscriptionEvent<ProviderId, "transcription.completed">) => {
      void event;
    };
    // @ts-expect-error a handler of completed events cannot be added for failed ones
    hooks.on("transcription.failed", completedOnly);
    hooks.on("transcription.completed", completedOnly);
  });

  it("returns a function that removes the handler", () => {
    expectTypeOf(hooks.on("transcription.updated", () => {})).toEqualTypeOf<() => void>();
  });
});

describe("event.provider narrows event.payload, also inside a narrowed handler", () => {
  it("every built-in provider's payload is its exported payload type", () => {
    hooks.on("transcription.completed", (event) => {
      expectTypeOf(event.provider).toEqualTypeOf<ProviderId>();
      switch (event.provider) {
        case "assemblyai":
          expectTypeOf(event.payload).toEqualTypeOf<AssemblyAIPayload>();
          expectTypeOf(event.payload.transcript_id).toEqualTypeOf<string | undefined>();
          break;
        case "threeplay":
          expectTypeOf(event.payload).toEqualTypeOf<ThreePlayPayload>();
          break;
        case "gladia":
          expectTypeOf(event.payload).toEqualTypeOf<GladiaPayload>();
          break;
        case "instanttranscriber":
          expectTypeOf(event.payload).toEqualTypeOf<InstantTranscriberPayload>();
          break;
        case "scriptix":
          expectTypeOf(event.payload).toEqualTypeOf<ScriptixPayload>();
          break;
        case "deepgram":
          expectTypeOf(event.payload).toEqualTypeOf<DeepgramPayload>();
          break;
        case "revai":
          expectTypeOf(event.payload).toEqualTypeOf<RevAIPayload>();
          break;
        case "speechmatics":
          expectTypeOf(event.payload).toEqualTypeOf<SpeechmaticsPayload>();
          break;
        case "azure":
          expectTypeOf(event.payload).toEqualTypeOf<AzurePayload>();
          break;
        case "elevenlabs":
          expectTypeOf(event.payload).toEqualTypeOf<ElevenLabsPayload>();
          break;
        case "ibm":
          expectTypeOf(event.payload).toEqualTypeOf<IBMPayload>();
          break;
        case "soniox":
          expectTypeOf(event.payload).toEqualTypeOf<SonioxPayload>();
          break;
        case "revcom":
          expectTypeOf(event.payload).toEqualTypeOf<RevComPayload>();
          break;
        case "verbit":
          expectTypeOf(event.payload).toEqualTypeOf<VerbitPayload>();
          break;
        case "standardwebhooks":
          expectTypeOf(event.payload).toEqualTypeOf<StandardWebhooksPayload>();
          break;
      }
    });
  });

  it("TranscriptionEvent<P, T> pins both", () => {
    expectTypeOf<
      TranscriptionEvent<"gladia", "transcription.failed">["payload"]
    >().toEqualTypeOf<GladiaPayload>();
    expectTypeOf<TranscriptionEvent<"gladia", "transcription.failed">["status"]>().toEqualTypeOf<
      "failed" | "cancelled"
    >();
    expectTypeOf<TranscriptionEvent<"revai">["type"]>().toEqualTypeOf<EventType>();
  });
});

describe("rejected deliveries", () => {
  it("code is a WebhookErrorCode, not any string", () => {
    hooks.onRejected((delivery) => {
      expectTypeOf(delivery.code).toEqualTypeOf<WebhookErrorCode>();
    });
    expectTypeOf<RejectedDelivery["code"]>().not.toEqualTypeOf<string>();
  });
});
