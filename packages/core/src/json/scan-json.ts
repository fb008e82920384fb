/** A member of the top-level object whose value is large enough to be parsed only when read. */
export interface LargeMember {
  key: string;
  /** Byte offsets of the value in the scanned bytes: `[start, end)`. */
  start: number;
  end: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
// Past this nesting a value is parsed at once, as before: a deferred parse must never fail later.
const MAX_DEPTH = 512;
const TOO_DEEP = -2;
// What skipValue expects next.
const VALUE = 0;
const KEY = 1;
const COLON_NEXT = 2;
const AFTER = 3;

// Byte classes, so the hot loop is one table read and a few integer compares per byte.
const SPACE = 1;
const STRING = 2;
const NUMBER = 3;
const OPEN_OBJECT = 4;
const CLOSE_OBJECT = 5;
const OPEN_ARRAY = 6;
const CLOSE_ARRAY = 7;
const COMMA = 8;
const COLON = 9;
const LITERAL = 10;
const CLASS = new Uint8Array(256);
for (const c of " \n\r\t") CLASS[c.charCodeAt(0)] = SPACE;
for (const c of "-0123456789") CLASS[c.charCodeAt(0)] = NUMBER;
for (const c of "tfn") CLASS[c.charCodeAt(0)] = LITERAL;
CLASS[QUOTE] = STRING;
CLASS[0x7b] = OPEN_OBJECT;
CLASS[0x7d] = CLOSE_OBJECT;
CLASS[0x5b] = OPEN_ARRAY;
CLASS[0x5d] = CLOSE_ARRAY;
CLASS[0x2c] = COMMA;
CLASS[0x3a] = COLON;
const ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrt') ESCAPE[c.charCodeAt(0)] = 1;
const HEX = new Uint8Array(256);
for (const c of "0123456789abcdefABCDEF") HEX[c.charCodeAt(0)] = 1;
const LITERALS = ["true", "false", "null"].map((w) => Buffer.from(w));

/**
 * Checks that `bytes` are one well-formed JSON text (RFC 8259 grammar; like `JSON.parse`, it does not
 * judge the UTF-8) without building anything, and lists the members of a top-level object whose
 * value is an object or array of at least `largeBytes`. Returns `undefined` when the text is not
 * JSON, and `{ large: [] }` when nothing may be deferred (not an object, nested past 512 levels —
 * then the caller's full parse is the judge — or nothing large).
 *
 * Why: a 1 MB transcript costs JSON.parse ~4 ms; this pass ~1 ms, and it lets the receiver answer 400
 * for a malformed body before acknowledging it while parsing the transcript only if a handler reads it.
 *
 * @example
 * ```ts
 * scanJson(Buffer.from('{"id":"1","words":[…]}'), 16_384); // { large: [{ key: "words", start: 15, end: … }] }
 * ```
 */
export function scanJson(bytes: Uint8Array, largeBytes: number): { large: LargeMember[] } | undefined {
  let i = skipSpace(bytes, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  const large: LargeMember[] = [];
  if (bytes[i] !== 0x7b) {
    const end = skipValue(bytes, i);
    if (end === TOO_DEEP) return { large };
    return end >= 0 && skipSpace(bytes, end) === bytes.length ? { large } : undefined;
  }
  // The top-level object, member by member; each value is skipped by the tight loop.
  i = skipSpace(bytes, i + 1);
  if (bytes[i] === 0x7d) return skipSpace(bytes, i + 1) === bytes.length ? { large } : undefined;
  for (;;) {
    const keyStart = i;
    i = skipString(bytes, i);
    if (i < 0) return undefined;
    const keyEnd = i;
    i = skipSpace(bytes, i);
    if (bytes[i] !== 0x3a) return undefined;
    const start = skipSpace(bytes, i + 1);
    const end = skipValue(bytes, start);
    if (end === TOO_DEEP) return { large: [] };
    if (end < 0) return undefined;
    const first = bytes[start];
    if (end - start >= largeBytes && (first === 0x7b || first === 0x5b)) {
      large.push({ key: keyOf(bytes, keyStart, keyEnd), start, end });
    }
    i = skipSpace(bytes, end);
    if (bytes[i] === 0x2c) {
      i = skipSpace(bytes, i + 1);
      continue;
    }
    if (bytes[i] !== 0x7d) return undefined;
    return skipSpace(bytes, i + 1) === bytes.length ? { large } : undefined;
  }
}

/** Index after the JSON value that starts at `i`; -1 if it is not one, `TOO_DEEP` past the nesting cap. */
function skipValue(b: Uint8Array, i: number): number {
  const n = b.length;
  const objects = new Uint8Array(MAX_DEPTH + 1); // 1 where that depth is an object, 0 an array
  let depth = 0;
  let state = VALUE;
  // One loop for the whole value, with strings (keys included) scanned inline: this is the hot path.
  while (i < n) {
    const c = b[i]!;
    const kind = CLASS[c]!;
    if (kind === SPACE) {
      i++;
      continue;
    }
    if (state === VALUE || state === KEY) {
      if (kind === STRING) {
        i++;
        for (;;) {
          const s = b[i];
          if (s === QUOTE) break;
          if (s === BACKSLASH) {
            i = skipEscape(b, i);
            if (i < 0) return -1;
          } else if (s === undefined || s < 0x20) {
            return -1;
          } else {
            i++;
          }
        }
        i++;
        if (state === KEY) {
          state = COLON_NEXT;
          continue;
        }
      } else if (state === KEY) {
        return -1;
      } else if (kind === NUMBER) {
        i = skipNumber(b, i);
      } else if (kind === LITERAL) {
        i = literal(b, i);
      } else if (kind === OPEN_OBJECT || kind === OPEN_ARRAY) {
        if (depth === MAX_DEPTH) return TOO_DEEP;
        depth++;
        objects[depth] = kind === OPEN_OBJECT ? 1 : 0;
        i = skipSpace(b, i + 1);
        if (b[i] !== (kind === OPEN_OBJECT ? 0x7d : 0x5d)) {
          state = kind === OPEN_OBJECT ? KEY : VALUE;
          continue;
        }
        depth--;
        i++;
      } else {
        return -1;
      }
      if (i < 0) return -1;
      if (depth === 0) return i;
      state = AFTER;
      continue;
    }
    if (state === COLON_NEXT) {
      if (kind !== COLON) return -1;
      i++;
      state = VALUE;
      continue;
    }
    if (kind === COMMA) {
      i++;
      state = objects[depth] === 1 ? KEY : VALUE;
    } else if (
      (kind === CLOSE_OBJECT && objects[depth] === 1) ||
      (kind === CLOSE_ARRAY && objects[depth] === 0)
    ) {
      i++;
      if (--depth === 0) return i;
    } else {
      return -1;
    }
  }
  return -1;
}

/** At a backslash inside a string: index after the escape, or -1. */
function skipEscape(b: Uint8Array, i: number): number {
  const e = b[i + 1]!;
  if (e === 0x75) return HEX[b[i + 2]!]! & HEX[b[i + 3]!]! & HEX[b[i + 4]!]! & HEX[b[i + 5]!]! ? i + 6 : -1;
  return ESCAPE[e] === 1 ? i + 2 : -1;
}

function skipSpace(b: Uint8Array, i: number): number {
  while (CLASS[b[i]!] === SPACE && i < b.length) i++;
  return i;
}

/** At a quote: index after the closing quote, or -1. */
function skipString(b: Uint8Array, i: number): number {
  if (b[i] !== QUOTE) return -1;
  i++;
  for (;;) {
    const c = b[i];
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) {
      i = skipEscape(b, i);
      if (i < 0) return -1;
    } else if (c === undefined || c < 0x20) {
      return -1;
    } else {
      i++;
    }
  }
}

/** Index after a number (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`), or -1. */
function skipNumber(b: Uint8Array, i: number): number {
  if (b[i] === 0x2d) i++;
  if (b[i] === 0x30) i++;
  else if (isDigit(b[i]!)) i = skipDigits(b, i);
  else return -1;
  if (b[i] === 0x2e) {
    if (!isDigit(b[i + 1]!)) return -1;
    i = skipDigits(b, i + 1);
  }
  if (b[i] === 0x65 || b[i] === 0x45) {
    i++;
    if (b[i] === 0x2b || b[i] === 0x2d) i++;
    if (!isDigit(b[i]!)) return -1;
    i = skipDigits(b, i);
  }
  return i;
}

function skipDigits(b: Uint8Array, i: number): number {
  while (isDigit(b[i]!)) i++;
  return i;
}

// Past the end b[i] is undefined, and a comparison with undefined is false: no bounds check needed.
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** At `t`, `f` or `n`: index after `true`, `false` or `null`, or -1. */
function literal(b: Uint8Array, i: number): number {
  const word = LITERALS[b[i] === 0x74 ? 0 : b[i] === 0x66 ? 1 : 2]!;
  for (let k = 1; k < word.length; k++) if (b[i + k] !== word[k]) return -1;
  return i + word.length;
}

function keyOf(b: Uint8Array, start: number, end: number): string {
  return JSON.parse(Buffer.from(b.buffer, b.byteOffset + start, end - start).toString("utf8"));
}
