import { assemblyai } from "@scribehook/core/providers/assemblyai";
import { azure } from "@scribehook/core/providers/azure";
import { deepgram } from "@scribehook/core/providers/deepgram";
import { elevenlabs } from "@scribehook/core/providers/elevenlabs";
import { gladia } from "@scribehook/core/providers/gladia";
import { ibm } from "@scribehook/core/providers/ibm";
import { instanttranscriber } from "@scribehook/core/providers/instanttranscriber";
import { revai } from "@scribehook/core/providers/revai";
import { revcom } from "@scribehook/core/providers/revcom";
import { scriptix } from "@scribehook/core/providers/scriptix";
import { soniox } from "@scribehook/core/providers/soniox";
import { speechmatics } from "@scribehook/core/providers/speechmatics";
import { standardwebhooks } from "@scribehook/core/providers/standardwebhooks";
import { threeplay } from "@scribehook/core/providers/threeplay";
import { verbit } from "@scribehook/core/providers/verbit";

// Every provider, imported one by one as an edge bundle does with `@scribehook/core/fetch`.
export const definitions = [
  assemblyai,
  azure,
  deepgram,
  elevenlabs,
  gladia,
  ibm,
  instanttranscriber,
  revai,
  revcom,
  scriptix,
  soniox,
  speechmatics,
  standardwebhooks,
  threeplay,
  verbit,
];
