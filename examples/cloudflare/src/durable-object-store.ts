import type { DedupeStore } from "@scribehook/core/fetch";
import type { DedupeObject } from "./dedupe-object";

/**
 * scribehook's dedupe store on Durable Objects: each idempotency key is its own `DedupeObject`, reached
 * by name, so keys never contend with each other and one key's claims are serialised by its object.
 *
 * @example
 * ```ts
 * createReceiver({ providers, store: durableObjectStore(env.DEDUPE) });
 * ```
 */
export function durableObjectStore(namespace: DurableObjectNamespace<DedupeObject>): DedupeStore {
  const object = (key: string) => namespace.get(namespace.idFromName(key));
  return {
    claim: (key, owner, ttlMs) => object(key).claim(owner, ttlMs),
    complete: (key, owner, ttlMs) => object(key).complete(owner, ttlMs),
    release: (key, owner) => object(key).release(owner),
  };
}
