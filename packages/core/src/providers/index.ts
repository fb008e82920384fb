import { assemblyai } from "./assemblyai";
import { azure } from "./azure";
import { deepgram } from "./deepgram";
import type { ProviderDefinition } from "./define-provider";
import { elevenlabs } from "./elevenlabs";
import { gladia } from "./gladia";
import { ibm } from "./ibm";
import { instanttranscriber } from "./instanttranscriber";
import { revai } from "./revai";
import { revcom } from "./revcom";
import { scriptix } from "./scriptix";
import { soniox } from "./soniox";
import { speechmatics } from "./speechmatics";
import { standardwebhooks } from "./standardwebhooks";
import { threeplay } from "./threeplay";
import { verbit } from "./verbit";

/** Every provider scribehook ships, by id. */
export const builtinProviders = {
  assemblyai,
  threeplay,
  gladia,
  instanttranscriber,
  scriptix,
  deepgram,
  revai,
  speechmatics,
  azure,
  elevenlabs,
  ibm,
  soniox,
  revcom,
  verbit,
  standardwebhooks,
} as const;

type PayloadOf<D> = D extends ProviderDefinition<string, infer P> ? P : never;

/** Payload type of each built-in provider. */
export type BuiltinPayloads = {
  [K in keyof typeof builtinProviders]: PayloadOf<(typeof builtinProviders)[K]>;
};

export type { AssemblyAIPayload } from "./assemblyai";
export type { AzurePayload } from "./azure";
export type { DeepgramPayload } from "./deepgram";
export type { ElevenLabsPayload } from "./elevenlabs";
export type { GladiaError, GladiaPayload, GladiaResult, GladiaUtterance } from "./gladia";
export type { IBMPayload } from "./ibm";
export type { InstantTranscriberPayload } from "./instanttranscriber";
export type { RevAIJob, RevAIPayload } from "./revai";
export type { RevComPayload } from "./revcom";
export type { ScriptixPayload } from "./scriptix";
export type { SonioxPayload } from "./soniox";
export type { SpeechmaticsAttachment, SpeechmaticsPayload } from "./speechmatics";
export type { StandardWebhooksPayload } from "./standardwebhooks";
export type { ThreePlayPayload } from "./threeplay";
export type { VerbitPayload } from "./verbit";
