import { Emitter, type EventHandler, type EventType } from "../events";
import type { ReceiverOptions } from "../options";
import { buildReceiver, type EntryParts, type Receiver } from "../receiver";
import type { OverdueEvent } from "../watchdog/overdue";
import { internalError, toFetchResponse } from "./respond";

/** Receiver options, or a function that builds them on the first request (from a Worker's `env`). */
export type ReceiverOptionsInput<Env = any> = ReceiverOptions | ((env: Env) => ReceiverOptions);

/**
 * A receiver built with what its entry wires in (`parts`: the two entries' `createReceiver` differ
 * only there). Options given as a function are built once, on the first request, with that request's
 * `info.env`; handlers added before then apply. A function that throws is answered 500 (onRejected
 * is told why) and called again on the next request.
 */
export function createReceiverWith(parts: EntryParts, options: ReceiverOptionsInput): Receiver {
  if (typeof options !== "function") return buildReceiver(options, parts);
  const emitter = new Emitter();
  let built: Receiver | undefined;
  // onOverdue handlers belong to the built receiver's watchdog: kept until it exists.
  const overdue: EventHandler<OverdueEvent>[] = [];
  const get = (env?: unknown) => {
    if (!built) {
      const receiver = buildReceiver(options(env), parts, emitter);
      // Kept only once every onOverdue handler found its watchdog (an entry may have none).
      for (const fn of overdue) receiver.onOverdue(fn);
      built = receiver;
    }
    return built;
  };
  const onOverdue = (fn: EventHandler<OverdueEvent>): (() => void) => {
    if (built) return built.onOverdue(fn);
    overdue.push(fn);
    return () => void overdue.splice(overdue.indexOf(fn), 1);
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
    callbackUrl: (opts) => get(opts.env).callbackUrl(opts),
    on: (type: EventType | "transcription.overdue", fn: EventHandler<any>) =>
      type === "transcription.overdue" ? onOverdue(fn) : emitter.on(type, fn),
    onOverdue,
    expect: (expectation) => get().expect(expectation),
    close: async () => built?.close(),
    onComplete: (fn) => emitter.on("transcription.completed", fn),
    onFailed: (fn) => emitter.on("transcription.failed", fn),
    onAny: (fn) => emitter.on("*", fn),
    onRejected: (fn) => emitter.onRejected(fn),
  };
}
