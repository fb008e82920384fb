import type { DeliveryBuilder } from "../types";
import { assemblyaiDelivery } from "./assemblyai";
import { azureDelivery } from "./azure";
import { deepgramDelivery } from "./deepgram";
import { elevenlabsDelivery } from "./elevenlabs";
import { gladiaDelivery } from "./gladia";
import { ibmDelivery } from "./ibm";
import { instanttranscriberDelivery } from "./instanttranscriber";
import { revaiDelivery } from "./revai";
import { revcomDelivery } from "./revcom";
import { scriptixDelivery } from "./scriptix";
import { sonioxDelivery } from "./soniox";
import { speechmaticsDelivery } from "./speechmatics";
import { standardwebhooksDelivery } from "./standardwebhooks";
import { threeplayDelivery } from "./threeplay";
import { verbitDelivery } from "./verbit";

/**
 * Every provider `signDelivery()` can imitate: provider id → its builder.
 *
 * @example
 * ```ts
 * Object.keys(builders); // ["assemblyai", "threeplay", "gladia", …]
 * ```
 */
export const builders: Record<string, DeliveryBuilder> = {
  assemblyai: assemblyaiDelivery,
  threeplay: threeplayDelivery,
  gladia: gladiaDelivery,
  instanttranscriber: instanttranscriberDelivery,
  scriptix: scriptixDelivery,
  deepgram: deepgramDelivery,
  revai: revaiDelivery,
  speechmatics: speechmaticsDelivery,
  azure: azureDelivery,
  elevenlabs: elevenlabsDelivery,
  ibm: ibmDelivery,
  soniox: sonioxDelivery,
  revcom: revcomDelivery,
  verbit: verbitDelivery,
  standardwebhooks: standardwebhooksDelivery,
};
