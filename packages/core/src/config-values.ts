/**
 * Values a configuration gets by accident: `Bearer ${process.env.TOKEN}` with TOKEN unset is the
 * string "Bearer undefined", which anybody can send. Such values are refused at creation.
 */

/** An auth scheme a header value may start with, as in `Authorization: Bearer <token>`. */
const SCHEME = /^(?:bearer|basic|token|apikey|api-key|key|digest)(?:\s+|$)/i;
/** What `${x}` makes of an unset variable, a null, a failed number or an object. */
const ACCIDENT = /^(?:undefined|null|nan|\[object object\])$/i;

/**
 * Why `value` cannot be a secret someone chose, or `undefined` when it may be one. The reason never
 * repeats the value.
 *
 * @example
 * ```ts
 * accidentalValue("Bearer undefined"); // "it reads as a missing variable or an object interpolated …"
 * accidentalValue("Bearer 6f1c…");      // undefined
 * ```
 */
export function accidentalValue(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return "it is empty or only whitespace";
  const credential = trimmed.replace(SCHEME, "").trim();
  if (credential === "") return "it is an auth scheme with no credential after it";
  const key = credential.startsWith("whsec_") ? credential.slice("whsec_".length) : credential;
  if (key === "") return "it is a whsec_ prefix with no key after it";
  if (ACCIDENT.test(key) || basicAccident(trimmed, credential)) {
    return (
      "it reads as a missing variable or an object interpolated into a string; " +
      "check that the environment variable is set before using it"
    );
  }
  return undefined;
}

/** `Basic base64("user:" + undefined)`: the accident hides inside the encoding. */
function basicAccident(value: string, credential: string): boolean {
  if (!/^basic\s/i.test(value)) return false;
  let decoded: string;
  try {
    decoded = atob(credential);
  } catch {
    return false; // not base64: not an encoded user:password at all
  }
  const colon = decoded.indexOf(":");
  if (colon === -1) return false;
  const parts = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  return parts.some((part) => ACCIDENT.test(part.trim()) || part.trim() === "");
}

/**
 * Throws a TypeError naming `where` (e.g. `providers.scriptix.headers["authorization"]`) when any value
 * is an interpolation accident; the message never contains the value.
 *
 * @example
 * ```ts
 * refuseAccidents(["Bearer undefined"], 'providers.scriptix.headers["authorization"]'); // throws
 * ```
 */
export function refuseAccidents(values: readonly string[], where: string): void {
  for (const value of values) {
    const reason = accidentalValue(value);
    if (reason) throw new TypeError(`${where}: refused because ${reason}`);
  }
}
