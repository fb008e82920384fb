import type { Definitions } from "../compile-providers";
import { Emitter } from "../events";
import type { ReceiverOptions } from "../options";
import { buildReceiver, type Receiver } from "../receiver";
import { internalError, toFetchResponse } from "./respond";

/** Receiver options, or a function that builds them on the first request (from a Worker's `env`). */
export type ReceiverOptionsInput<Env = any> = ReceiverOptions | ((env: Env) => ReceiverOptions);

/**
 * A receiver whose provider ids resolve against `builtins` (the two entries' `createReceiver` differ
 * only there). Options given as a function are built once, on the first request, with that request's
 * `info.env`; handlers added before then apply. A function that throws is answered 500 (onRejected
 * is told why) and called again on the next request.
 */
export function createReceiverWith(builtins: Definitions, options: ReceiverOptionsInput): Receiver {
  if (typeof options !== "function") return buildReceiver(options, builtins);
  const emitter = new Emitter();
  let built: Receiver | undefined;
  const get = (env?: unknown) => {
    built ??= buildReceiver(options(env), builtins, emitter);
    return built;
  };
  return {
    get path() {
      return get().path;
    },
    handle: (request) => get().handle(request),
    matches: (url) => get().matches(url),
    async fetch(request, info) {
      let receiver: Receiver;
      try {
        receiver = get(info?.env);
      } catch (err) {
        emitter.rejected({
          status: 500,
          code: "internal_error",
          message: `The receiver options could not be built: ${err instanceof Error ? err.message : String(err)}`,
          method: request.method,
          path: new URL(request.url).pathname,
          error: err,
        });
        return toFetchResponse(internalError(err).toResponse());
      }
      return receiver.fetch(request, info);
    },
    callbackUrl: (opts) => get().callbackUrl(opts),
    on: (type, fn) => emitter.on(type, fn),
    onComplete: (fn) => emitter.on("transcription.completed", fn),
    onFailed: (fn) => emitter.on("transcription.failed", fn),
    onAny: (fn) => emitter.on("*", fn),
    onRejected: (fn) => emitter.onRejected(fn),
  };
}
