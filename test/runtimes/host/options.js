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

/**
 * How each provider authenticates, with `secrets`.
 *
 * @example
 * const auth = authWith(SECRETS);
 */
export function authWith(secrets) {
  const bearer = `Bearer ${secrets.header}`;
  return {
    assemblyai: { headers: { "x-webhook-token": secrets.header } },
    threeplay: { urlToken: true },
    gladia: { urlToken: true },
    instanttranscriber: { secret: secrets.signing },
    scriptix: { headers: { authorization: bearer } },
    deepgram: { headers: { "dg-token": secrets.header } },
    revai: { headers: { authorization: bearer } },
    speechmatics: { headers: { authorization: bearer } },
    azure: { secret: secrets.signing },
    elevenlabs: { secret: secrets.signing },
    ibm: { secret: secrets.signing },
    soniox: { headers: { authorization: bearer } },
    revcom: { urlToken: true },
    verbit: { urlToken: true },
    standardwebhooks: { secret: secrets.standardWebhooks },
  };
}

/** How each provider authenticates here. */
export const AUTH = authWith(SECRETS);

/**
 * Options for `createReceiver()`, with `secrets` (default: {@link SECRETS}).
 *
 * @example
 * const receiver = createReceiver(hostOptions());
 */
export function hostOptions(secrets = SECRETS) {
  return { providers: authWith(secrets), urlTokenSecret: secrets.urlToken, maxBodyBytes: MAX_BODY_BYTES };
}

/** The names under which a Worker gets the secrets in `env` (bindings of the workerd config). */
export const SECRET_BINDINGS = {
  header: "HEADER_TOKEN",
  signing: "SIGNING_SECRET",
  standardWebhooks: "STANDARD_WEBHOOKS_SECRET",
  urlToken: "URL_TOKEN_SECRET",
};

/**
 * The secrets, read from a Worker's `env`. Throws when one is missing.
 *
 * @example
 * createReceiver((env) => hostOptions(secretsFrom(env)));
 */
export function secretsFrom(env) {
  const secrets = {};
  for (const [key, name] of Object.entries(SECRET_BINDINGS)) {
    if (typeof env?.[name] !== "string") throw new Error(`env.${name} is not set`);
    secrets[key] = env[name];
  }
  return secrets;
}
