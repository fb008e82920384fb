import type { DeliveryBuilder } from "../types";
import { assemblyaiDelivery } from "./assemblyai";
import { gladiaDelivery } from "./gladia";
import { instanttranscriberDelivery } from "./instanttranscriber";
import { scriptixDelivery } from "./scriptix";
import { threeplayDelivery } from "./threeplay";

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
};
