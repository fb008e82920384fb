import { maskHeader, maskText, maskUrl } from "./mask";
import type { Palette } from "./terminal";

const BODY_PREVIEW = 2000;

/**
 * Formats a request as it is sent (`METHOD url`, headers, body), credentials masked and a long body cut.
 *
 * @example
 * ```ts
 * formatRequest({ method: "POST", url, headers, body }, ["s3cret"], palette(process.stdout, process.env));
 * ```
 */
export function formatRequest(
  req: { method: string; url: string; headers: Record<string, string>; body: string },
  secrets: readonly string[],
  c: Palette,
): string {
  const lines = [`${c.bold(`→ ${req.method}`)} ${maskUrl(req.url, secrets)}`];
  for (const [name, value] of Object.entries(req.headers)) {
    lines.push(`  ${c.dim(`${name}:`)} ${maskHeader(name, value, secrets)}`);
  }
  if (req.body.length > 0) lines.push("", indent(preview(maskText(req.body, secrets))));
  return lines.join("\n");
}

/**
 * Formats an answer: status line coloured by class, headers, body.
 *
 * @example
 * ```ts
 * formatResponse({ status: 200, statusText: "OK", headers: {}, body: '{"ok":true}', ms: 4 }, c);
 * ```
 */
export function formatResponse(
  res: { status: number; statusText: string; headers: Record<string, string>; body: string; ms: number },
  c: Palette,
): string {
  const lines = [
    `${statusColour(res.status, c)(`← ${res.status} ${res.statusText}`)} ${c.dim(`(${res.ms} ms)`)}`,
  ];
  for (const [name, value] of Object.entries(res.headers)) lines.push(`  ${c.dim(`${name}:`)} ${value}`);
  if (res.body.length > 0) lines.push("", indent(preview(res.body)));
  return lines.join("\n");
}

/**
 * The colour of a status: green 2xx, yellow 3xx/4xx, red 5xx.
 *
 * @example
 * ```ts
 * statusColour(503, c)("503"); // red when colours are on
 * ```
 */
export function statusColour(status: number, c: Palette): (text: string) => string {
  return status >= 200 && status < 300 ? c.green : status >= 500 ? c.red : c.yellow;
}

/**
 * `{"error":{"code":"signature_mismatch",…}}` → `signature_mismatch`; otherwise undefined.
 *
 * @example
 * ```ts
 * errorCode('{"error":{"code":"token_expired","message":"…"}}'); // "token_expired"
 * ```
 */
export function errorCode(body: string): string | undefined {
  try {
    const code = (JSON.parse(body) as { error?: { code?: unknown } })?.error?.code;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A duration for people: `450 ms`, `30 s`, `2 min`, `1 h 30 min`.
 *
 * @example
 * ```ts
 * humanDuration(5400); // "1 h 30 min"
 * ```
 */
export function humanDuration(secs: number): string {
  if (secs < 1) return `${Math.round(secs * 1000)} ms`;
  if (secs < 60) return `${Number(secs.toFixed(1))} s`;
  const whole = Math.round(secs);
  if (whole < 3600) {
    const m = Math.floor(whole / 60);
    const s = whole % 60;
    return s ? `${m} min ${s} s` : `${m} min`;
  }
  const minutes = Math.round(whole / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

function preview(text: string): string {
  return text.length <= BODY_PREVIEW
    ? text
    : `${text.slice(0, BODY_PREVIEW)}… (${text.length - BODY_PREVIEW} more characters)`;
}

const indent = (text: string) =>
  text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
