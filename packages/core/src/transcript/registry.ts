import type { ResultClient } from "./client";
import { assemblyaiResult } from "./providers/assemblyai";
import { azureResult } from "./providers/azure";
import { deepgramResult } from "./providers/deepgram";
import { elevenlabsResult } from "./providers/elevenlabs";
import { gladiaResult } from "./providers/gladia";
import { ibmResult } from "./providers/ibm";
import { instanttranscriberResult } from "./providers/instanttranscriber";
import { revaiResult } from "./providers/revai";
import { revcomResult } from "./providers/revcom";
import { scriptixResult } from "./providers/scriptix";
import { sonioxResult } from "./providers/soniox";
import { speechmaticsResult } from "./providers/speechmatics";
import { standardwebhooksResult } from "./providers/standardwebhooks";
import { threeplayResult } from "./providers/threeplay";
import { verbitResult } from "./providers/verbit";

/**
 * The result client of every built-in provider, by id.
 *
 * @example
 * ```ts
 * resultClients.assemblyai.defaultBaseUrl; // "https://api.assemblyai.com"
 * ```
 */
export const resultClients: Record<string, ResultClient> = {
  assemblyai: assemblyaiResult,
  threeplay: threeplayResult,
  gladia: gladiaResult,
  instanttranscriber: instanttranscriberResult,
  scriptix: scriptixResult,
  deepgram: deepgramResult,
  revai: revaiResult,
  speechmatics: speechmaticsResult,
  azure: azureResult,
  elevenlabs: elevenlabsResult,
  ibm: ibmResult,
  soniox: sonioxResult,
  revcom: revcomResult,
  verbit: verbitResult,
  standardwebhooks: standardwebhooksResult,
};
