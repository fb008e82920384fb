/** A member of the top-level object whose value is large enough to be parsed only when read. */
export interface LargeMember {
  key: string;
  /** Byte offsets of the value in the scanned bytes: `[start, end)`. */
  start: number;
  end: number;
}

const OBJECT = 0x7b;
const ARRAY = 0x5b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
// Past this nesting the value is parsed at once, as before: the deferred parse must never fail later.
const MAX_DEPTH = 512;

enum State {
  Value,
  After,
  Key,
}

/**
 * Checks that `bytes` are one well-formed JSON text (RFC 8259 grammar; like `JSON.parse`, it does not
 * judge the UTF-8) without building anything, and lists the members of a top-level object whose
 * value is an object or array of at least `largeBytes`. Returns `undefined` when the text is not
 * JSON, and `{ large: [] }` when nothing may be deferred (not an object, too deep, nothing large).
 *
 * Why: a 1 MB transcript costs JSON.parse ~5 ms; this pass costs a fraction of it, and lets the
 * receiver answer 400 for a malformed body before acknowledging it while parsing the transcript
 * only if a handler reads it.
 *
 * @example
 * ```ts
 * scanJson(Buffer.from('{"id":"1","words":[…]}'), 16_384); // { large: [{ key: "words", start: 15, end: … }] }
 * ```
 */
export function scanJson(bytes: Uint8Array, largeBytes: number): { large: LargeMember[] } | undefined {
  const n = bytes.length;
  const stack: number[] = [];
  const large: LargeMember[] = [];
  let deferrable = true;
  let i = skipSpace(bytes, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  const topIsObject = bytes[i] === OBJECT;
  let keyStart = -1;
  let keyEnd = -1;
  let memberStart = -1;
  let state = State.Value;

  for (;;) {
    if (state === State.Value) {
      if (i >= n) return undefined;
      const c = bytes[i]!;
      if (stack.length === 1 && topIsObject) memberStart = i;
      if (c === OBJECT || c === ARRAY) {
        stack.push(c);
        if (stack.length > MAX_DEPTH) deferrable = false;
        i = skipSpace(bytes, i + 1);
        if (bytes[i] === (c === OBJECT ? 0x7d : 0x5d)) {
          stack.pop();
          i++;
          state = State.After;
        } else {
          state = c === OBJECT ? State.Key : State.Value;
        }
        continue;
      }
      if (c === QUOTE) i = skipString(bytes, i);
      else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) i = skipNumber(bytes, i);
      else if (c === 0x74) i = literal(bytes, i, "true");
      else if (c === 0x66) i = literal(bytes, i, "false");
      else if (c === 0x6e) i = literal(bytes, i, "null");
      else return undefined;
      if (i < 0) return undefined;
      state = State.After;
      continue;
    }

    if (state === State.Key) {
      if (bytes[i] !== QUOTE) return undefined;
      const start = i;
      i = skipString(bytes, i);
      if (i < 0) return undefined;
      if (stack.length === 1) {
        keyStart = start;
        keyEnd = i;
      }
      i = skipSpace(bytes, i);
      if (bytes[i] !== 0x3a) return undefined;
      i = skipSpace(bytes, i + 1);
      state = State.Value;
      continue;
    }

    // State.After: a value ended just before i.
    if (stack.length === 1 && topIsObject && memberStart >= 0) {
      const first = bytes[memberStart];
      if (i - memberStart >= largeBytes && (first === OBJECT || first === ARRAY)) {
        large.push({ key: keyOf(bytes, keyStart, keyEnd), start: memberStart, end: i });
      }
      memberStart = -1;
    }
    i = skipSpace(bytes, i);
    if (stack.length === 0) return i === n ? { large: deferrable ? large : [] } : undefined;
    const c = bytes[i];
    const top = stack[stack.length - 1];
    if (c === 0x2c) {
      i = skipSpace(bytes, i + 1);
      state = top === OBJECT ? State.Key : State.Value;
    } else if ((c === 0x7d && top === OBJECT) || (c === 0x5d && top === ARRAY)) {
      stack.pop();
      i++;
    } else {
      return undefined;
    }
  }
}

function skipSpace(b: Uint8Array, i: number): number {
  for (;;) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** Index after the closing quote, or -1. */
function skipString(b: Uint8Array, i: number): number {
  const n = b.length;
  i++;
  while (i < n) {
    const c = b[i]!;
    if (c === QUOTE) return i + 1;
    if (c < 0x20) return -1;
    if (c === BACKSLASH) {
      const e = b[i + 1];
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) if (!isHex(b[i + k])) return -1;
        i += 6;
      } else if (
        e === QUOTE ||
        e === BACKSLASH ||
        e === 0x2f ||
        e === 0x62 ||
        e === 0x66 ||
        e === 0x6e ||
        e === 0x72 ||
        e === 0x74
      ) {
        i += 2;
      } else {
        return -1;
      }
    } else {
      i++;
    }
  }
  return -1;
}

/** Index after a number (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`), or -1. */
function skipNumber(b: Uint8Array, i: number): number {
  if (b[i] === 0x2d) i++;
  if (b[i] === 0x30) i++;
  else if (isDigit(b[i])) while (isDigit(b[i])) i++;
  else return -1;
  if (b[i] === 0x2e) {
    i++;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i++;
  }
  if (b[i] === 0x65 || b[i] === 0x45) {
    i++;
    if (b[i] === 0x2b || b[i] === 0x2d) i++;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i++;
  }
  return i;
}

function literal(b: Uint8Array, i: number, word: string): number {
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word.charCodeAt(k)) return -1;
  return i + word.length;
}

const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
const isHex = (c: number | undefined) =>
  c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));

function keyOf(b: Uint8Array, start: number, end: number): string {
  return JSON.parse(Buffer.from(b.buffer, b.byteOffset + start, end - start).toString("utf8"));
}
