import type { ProviderContext } from "../providers/define-provider";

/**
 * What a provider's functions get for one delivery (see `ProviderContext`). Its `url` is built only
 * when a provider reads it: most never do, and a URL costs more than the rest of the context.
 *
 * @example
 * ```ts
 * const ctx = new DeliveryContext(() => new URL(target, "http://localhost"), "POST", header,
 *   "application/json", body, {}, provider.config);
 * provider.normalise(payload, ctx);
 * ```
 */
export class DeliveryContext implements ProviderContext {
  readonly #url: () => URL;
  constructor(
    url: () => URL,
    readonly method: string,
    readonly header: (name: string) => string | undefined,
    readonly contentType: string,
    readonly body: Uint8Array,
    readonly metadata: Record<string, string>,
    readonly config: ProviderContext["config"],
  ) {
    this.#url = url;
  }

  get url(): URL {
    return this.#url();
  }
}
