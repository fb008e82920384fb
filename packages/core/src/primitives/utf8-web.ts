// Bytes to text for every runtime (package.json `imports` → `#utf8`, the default). Same API as
// utf8-node.ts.

const decoder = new TextDecoder();

/**
 * Text of UTF-8 bytes (invalid sequences read as U+FFFD, a leading BOM dropped, as TextDecoder does).
 *
 * @example
 * ```ts
 * utf8Text(new TextEncoder().encode('{"id":"é"}')); // '{"id":"é"}'
 * ```
 */
export function utf8Text(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
