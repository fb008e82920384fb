/**
 * What to put in a sample delivery. Every field is optional: by default you get a completed job with a
 * fresh id, sent to `/webhooks/<provider>`.
 *
 * @example
 * ```ts
 * const options: SignDeliveryOptions = { status: "failed", jobId: "job-42", secret: process.env.IT_SECRET };
 * ```
 */
export interface SignDeliveryOptions {
  /** `"completed"` | `"failed"` (normalised), or a provider's own status, e.g. `"in_progress"`. Default `"completed"`. */
  status?: string;
  /** The provider's job / transcript / session id. Default: a fresh random id. */
  jobId?: string;
  /** HMAC secret, for providers that sign. */
  secret?: string;
  /** Extra headers, e.g. the auth header of header-auth providers; they win over the generated ones. */
  headers?: Record<string, string>;
  /** Absolute URL or path+query (e.g. from `receiver.callbackUrl()`). Default `/webhooks/<provider>`. */
  callbackUrl?: string;
  /** Shallow-merged over the sample body. */
  payload?: Record<string, unknown>;
  /**
   * Exactly the body to send instead of the sample (a fixture from the provider's docs, a body under
   * test), signed as it is; `payload` is then ignored, and `status` / `jobId` shape only what lies
   * outside the body (Speechmatics' query string).
   */
  body?: string;
  /** Unix seconds, for timestamped signature schemes. Default now. */
  timestamp?: number;
  /** For providers that can call back with either. */
  method?: "POST" | "PUT";
}

/**
 * One delivery, exactly as the provider would send it. Send it with any HTTP client, through
 * supertest (`request(app)[method](path).set(headers).send(body)`), or straight to `receiver.handle()`.
 *
 * @example
 * ```ts
 * const d: SampleDelivery = signDelivery("gladia");
 * await receiver.handle({ method: d.method, url: d.path, headers: d.headers, body: d.body });
 * ```
 */
export interface SampleDelivery {
  method: string;
  /** The callback URL as given (absolute or a path), or `/webhooks/<provider>`. */
  url: string;
  /** Path and query of `url`, for supertest and `receiver.handle()`. */
  path: string;
  /** Header names are lower-case. `content-length` is left to your HTTP client. */
  headers: Record<string, string>;
  /** Exactly the bytes the provider would send. */
  body: string;
}

/**
 * Builds one provider's deliveries; `signDelivery()` picks the builder by provider id.
 *
 * @example
 * ```ts
 * const build: DeliveryBuilder = (options) => delivery("myprovider", options, { headers: {}, body: "{}" });
 * ```
 */
export type DeliveryBuilder = (options: SignDeliveryOptions) => SampleDelivery;
