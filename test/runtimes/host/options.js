// The receiver options of the runtime matrix: every shipped provider, configured as its docs say. Plain
// JavaScript, so every runtime loads it unchanged, and the tests in Node read the same secrets from it.

/** Secrets of the matrix; the tests check that none of them ever appears in an answer. */
export const SECRETS = {
  header: "runtime-matrix-header-token-4a",
  signing: "runtime-matrix-signing-secret-c2",
  // `whsec_` + base64("runtime-matrix-standard-webhooks-key"), written out: no Buffer in edge runtimes.
  standardWebhooks: "whsec_cnVudGltZS1tYXRyaXgtc3RhbmRhcmQtd2ViaG9va3Mta2V5",
  urlToken: "runtime-matrix-url-token-secret-9d",
};

/** The body limit of every provider here, small enough that an oversized delivery is cheap to send. */
export const MAX_BODY_BYTES = 64 * 1024;

const bearer = `Bearer ${SECRETS.header}`;

/** How each provider authenticates here, and with what. */
export const AUTH = {
  assemblyai: { headers: { "x-webhook-token": SECRETS.header } },
  threeplay: { urlToken: true },
  gladia: { urlToken: true },
  instanttranscriber: { secret: SECRETS.signing },
  scriptix: { headers: { authorization: bearer } },
  deepgram: { headers: { "dg-token": SECRETS.header } },
  revai: { headers: { authorization: bearer } },
  speechmatics: { headers: { authorization: bearer } },
  azure: { secret: SECRETS.signing },
  elevenlabs: { secret: SECRETS.signing },
  ibm: { secret: SECRETS.signing },
  soniox: { headers: { authorization: bearer } },
  revcom: { urlToken: true },
  verbit: { urlToken: true },
  standardwebhooks: { secret: SECRETS.standardWebhooks },
};

/**
 * A fresh options object for `createReceiver()`.
 *
 * @example
 * const receiver = createReceiver(hostOptions());
 */
export function hostOptions() {
  return { providers: structuredClone(AUTH), urlTokenSecret: SECRETS.urlToken, maxBodyBytes: MAX_BODY_BYTES };
}
