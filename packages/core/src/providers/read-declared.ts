import type { EventStatus } from "../events";
import type { FieldPaths, StatusTable } from "./declared";
import type { Normalised, ProviderContext, ProviderDefinition } from "./define-provider";
import { asObject, str } from "./fields";

type Reader = (payload: unknown) => string | undefined;

/**
 * A reader of declared field paths, split once: the first path holding a non-empty string or a
 * number (as its decimal text) wins. Only the payload's own properties are followed.
 *
 * @example
 * ```ts
 * fieldReader(["metadata.request_id", "request_id"])({ request_id: "r1" }); // "r1"
 * ```
 */
export function fieldReader(paths: FieldPaths): Reader {
  const split = (typeof paths === "string" ? [paths] : paths).map((p) => p.split("."));
  return (payload) => {
    for (const segments of split) {
      let value: unknown = payload;
      for (const segment of segments) {
        value =
          typeof value === "object" && value !== null && Object.hasOwn(value, segment)
            ? (value as Record<string, unknown>)[segment]
            : undefined;
      }
      const text = str(value);
      if (text !== undefined) return text;
    }
    return undefined;
  };
}

/** A status table, keys folded once: the sent status → the normalised one. */
function statusLookup(status: StatusTable): (sent: string) => EventStatus {
  const fold = status.ignoreCase ? (s: string) => s.toLowerCase() : (s: string) => s;
  const table = new Map(Object.entries(status.table).map(([k, v]) => [fold(k), v]));
  const otherwise = status.otherwise ?? "other";
  return (sent) => {
    if (sent === "") return "other";
    const key = fold(sent);
    const exact = table.get(key);
    if (exact !== undefined) return exact;
    if (status.match === "suffix") {
      for (let i = 0; i < key.length; i++) {
        if (key[i] !== "." && key[i] !== "_") continue;
        const hit = table.get(key.slice(i + 1));
        if (hit !== undefined) return hit;
      }
    }
    return otherwise;
  };
}

/**
 * Compiles a definition's declared `jobId`, `status` and `error` into its normaliser, once; the
 * definition's own `normalise` (what data cannot say) gets the declared reading and returns the final one.
 *
 * @example
 * ```ts
 * const normalise = compileNormaliser(revai);
 * normalise({ job: { id: "j1", status: "transcribed" } }, ctx).status; // "completed"
 * ```
 */
export function compileNormaliser(
  definition: ProviderDefinition<string, any>,
): (payload: unknown, ctx: ProviderContext) => Normalised<unknown> {
  const { name, jobId, status, error, normalise } = definition;
  const readJobId: Reader = jobId === undefined ? () => undefined : fieldReader(jobId);
  const field = status?.field;
  const readStatus: Reader =
    field === undefined
      ? () => undefined
      : typeof field === "function"
        ? (p) => field(p)
        : fieldReader(field);
  const lookup = status ? statusLookup(status) : () => "other" as const;
  const readCode = error?.code === undefined ? () => undefined : fieldReader(error.code);
  const readMessage = error?.message === undefined ? () => undefined : fieldReader(error.message);
  const mustBeObject = jobId !== undefined;
  return (payload, ctx) => {
    if (mustBeObject) asObject(payload, name);
    const providerStatus = readStatus(payload) ?? "";
    const normalised = lookup(providerStatus);
    const declared: Normalised<unknown> = {
      jobId: readJobId(payload),
      providerStatus,
      status: normalised,
      payload,
    };
    if (error && (normalised === "failed" || normalised === "cancelled")) {
      const code = readCode(payload) ?? (normalised === "cancelled" ? "cancelled" : undefined);
      declared.error = { ...(code ? { code } : {}), message: readMessage(payload) ?? error.fallback };
    }
    return normalise ? normalise(payload, ctx, declared) : declared;
  };
}
