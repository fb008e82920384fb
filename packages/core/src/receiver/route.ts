import type { CompiledProvider } from "../compile-providers";
import { WebhookError } from "../errors";

/**
 * Where deliveries are accepted: `<base>/<provider id>`. Knows nothing of the request beyond its path.
 *
 * @example
 * ```ts
 * const router = createRouter("/webhooks", providers);
 * router.matches("/webhooks/assemblyai?x=1"); // true
 * router.route("/webhooks/assemblyai");        // the compiled provider, or a 404 WebhookError
 * ```
 */
export function createRouter(path: string, providers: ReadonlyMap<string, CompiledProvider>) {
  const base = normaliseBase(path);
  return {
    base,
    /** True when `url` lies under the base path (adapters pass every other request on). */
    matches(url: string): boolean {
      const p = pathOf(url);
      return base === "" || p === base || p.startsWith(`${base}/`);
    },
    /** The provider a path addresses; throws a 404 `WebhookError` for anything else. */
    route(pathname: string): CompiledProvider {
      const rest = pathname.startsWith(`${base}/`)
        ? pathname.slice(base.length + 1).replace(/\/$/, "")
        : undefined;
      if (!rest || rest.includes("/")) {
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

/** The path of a request URL, which may be path-only (`/a?b`) or absolute. */
function pathOf(url: string): string {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  if (path.startsWith("/")) return path;
  try {
    return new URL(path).pathname;
  } catch {
    return path;
  }
}
