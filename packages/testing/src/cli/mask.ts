/** What a masked value is printed as. */
export const MASK = "••••";

// Headers that carry a credential by their name alone, whatever their value.
const CREDENTIAL_HEADER =
  /^(authorization|proxy-authorization|cookie|dg-token)$|token|secret|password|api[-_]?key/i;

/**
 * Hides credentials in a header value before it is printed: the whole value of credential headers
 * (keeping an auth scheme such as `Bearer`), and every occurrence of a known secret anywhere else.
 * Signatures stay visible: they are derived from the secret and useless without the exact body.
 *
 * @example
 * ```ts
 * maskHeader("authorization", "Bearer abc123", ["abc123"]); // "Bearer ••••"
 * maskHeader("x-signature", "sha256=9f…", ["s3cret"]);      // unchanged
 * ```
 */
export function maskHeader(name: string, value: string, secrets: readonly string[]): string {
  if (CREDENTIAL_HEADER.test(name)) {
    const scheme = /^(Bearer|Basic|Token|Digest)\s+/i.exec(value);
    return scheme ? `${scheme[1]} ${MASK}` : MASK;
  }
  return maskText(value, secrets);
}

/** Secrets shorter than this are not searched for in free text: a 1-letter test secret would mask every "s". */
const MIN_SEARCHED = 6;

/**
 * Replaces every occurrence of each secret in `text`. Credential headers are masked whole by
 * {@link maskHeader}; this catches a secret that turns up anywhere else (a URL, a body).
 *
 * @example
 * ```ts
 * maskText("key=s3cret-value&x=1", ["s3cret-value"]); // "key=••••&x=1"
 * ```
 */
export function maskText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= MIN_SEARCHED) out = out.split(secret).join(MASK);
  return out;
}

/**
 * Masks the credentials a URL can carry: a signed callback token (`sh_token`) and a user/password.
 *
 * @example
 * ```ts
 * maskUrl("https://u:p@api.example.com/webhooks/gladia?sh_token=eyJ…", []);
 * // "https://u:••••@api.example.com/webhooks/gladia?sh_token=••••"
 * ```
 */
export function maskUrl(url: string, secrets: readonly string[]): string {
  let out = url.replace(/([?&]sh_token=)[^&#]*/g, `$1${MASK}`);
  out = out.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*:)[^@/]*@/i, `$1${MASK}@`);
  return maskText(out, secrets);
}
