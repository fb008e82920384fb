import type { CompiledProvider } from "../compile-providers";
import { WebhookError } from "../errors";
import { pathnameOf } from "./request-target";

/**
 * Where deliveries are accepted: `<base>/<provider id>` (a trailing slash allowed). Knows nothing of
 * the request beyond its path.
 *
 * @example
 * ```ts
 * const router = createRouter("/webhooks", providers);
 * router.matches("/webhooks/assemblyai?x=1"); // true: a configured provider's path
 * router.matches("/webhooks/health");         // false: the app's, passed on by Express and Koa
 * router.route("/webhooks/assemblyai");        // the compiled provider, or a 404 WebhookError
 * ```
 */
export function createRouter(path: string, providers: ReadonlyMap<string, CompiledProvider>) {
  const base = normaliseBase(path);
  /** The id a path names below the base, or `undefined` for a path that names none. */
  const idOf = (pathname: string): string | undefined => {
    const rest = pathname.startsWith(`${base}/`)
      ? pathname.slice(base.length + 1).replace(/\/$/, "")
      : undefined;
    return !rest || rest.includes("/") ? undefined : rest;
  };
  return {
    base,
    /**
     * True when `url` addresses a configured provider, whatever the method: the requests the receiver
     * answers. Adapters that share routes with the app (Express, Koa) pass every other request on.
     */
    matches(url: string): boolean {
      const id = idOf(pathnameOf(url));
      return id !== undefined && providers.has(id);
    },
    /** The provider a path addresses; throws a 404 `WebhookError` for anything else. */
    route(pathname: string): CompiledProvider {
      const rest = idOf(pathname);
      if (rest === undefined) {
        throw new WebhookError("not_found", 404, `No webhook here: deliveries go to ${base}/<provider>`);
      }
      const provider = providers.get(rest);
      if (!provider) {
        throw new WebhookError(
          "provider_not_configured",
          404,
          `No provider is configured at ${base}/${rest}`,
        );
      }
      return provider;
    },
  };
}

/** `"webhooks/"` → `"/webhooks"`; `"/"` → `""` (mounted at the root). */
function normaliseBase(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, "");
  if (trimmed === "") return "";
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}
