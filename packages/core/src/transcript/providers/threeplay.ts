import type { ResultContext } from "../client";
import { defineResultClient } from "../client";
import { num, rec, statusFrom, text, wholeText } from "../shape";
import type { JobStatusResult } from "../types";

/** 3Play transcript status → normalised status. */
const STATUS = {
  complete: "completed",
  cancelled: "failed",
  in_progress: "processing",
} as const;

/** 3Play's v3 API takes the key as the `api_key` query parameter (it never appears in an error). */
const url = (ctx: ResultContext, rest: string, query: Record<string, string> = {}) =>
  `${ctx.baseUrl}/v3/transcripts/${encodeURIComponent(ctx.jobId)}${rest}?${new URLSearchParams({ api_key: ctx.key(), ...query })}`;
const CAPTION_FORMAT = { srt: "srt", vtt: "vtt" } as const;

/**
 * 3Play Media (API v3): the callback carries only the transcript id. `transcript()` reads the
 * transcript (`GET /v3/transcripts/{id}`: status and `duration`) and its text; the text has no
 * timings, so there is one segment spanning the file and no words. Captions are 3Play's own.
 * Unconfirmed: the text and captions routes (`/v3/transcripts/{id}/text`,
 * `/v3/transcripts/{id}/captions?caption_format=srt|vtt`) and their response shapes (a JSON `data`
 * string, or the bare text) are not in 3Play's public v3 reference; 3Play reports a `language_id`,
 * not a language code, so `language` is absent.
 * Docs: https://docs.3playmedia.com/apiv3/transcript and https://docs.3playmedia.com/apiv3/quick_start
 *
 * @example
 * ```ts
 * const t = await fetchTranscript({ provider: "threeplay", jobId, apiKey: process.env.THREEPLAY_KEY });
 * ```
 */
export const threeplayResult = defineResultClient({
  id: "threeplay",
  name: "3Play Media",
  docs: "https://docs.3playmedia.com/apiv3/transcript",
  defaultBaseUrl: "https://api.3playmedia.com",
  async fetch(ctx) {
    const meta = rec((await ctx.json(url(ctx, "")))?.data) ?? {};
    if (text(meta.status) !== "complete") {
      throw ctx.fail(
        "provider_error",
        `3Play transcript ${ctx.jobId} is not complete (status ${text(meta.status) ?? "unknown"})`,
      );
    }
    const res = await ctx.get(url(ctx, "/text"));
    const body = dataOf(res.body, res.contentType);
    const duration = num(Number(meta.duration));
    return {
      text: body.trim(),
      segments: wholeText(body, duration ?? 0),
      ...(duration !== undefined ? { durationInSeconds: duration } : {}),
      raw: { transcript: meta, text: body },
    };
  },
  async captions(ctx, format) {
    const res = await ctx.get(url(ctx, "/captions", { caption_format: CAPTION_FORMAT[format] }));
    return dataOf(res.body, res.contentType);
  },
  async status(ctx): Promise<JobStatusResult> {
    const meta = rec((await ctx.json(url(ctx, "")))?.data) ?? {};
    const providerStatus = text(meta.status) ?? "";
    return {
      status: statusFrom(STATUS, providerStatus),
      providerStatus,
      raw: meta,
      ...(providerStatus === "cancelled"
        ? { error: { code: "cancelled", message: text(meta.cancellation_reason) } }
        : {}),
    };
  },
});

/** 3Play wraps results as `{ code, data }`; a bare text body is taken as it is. */
function dataOf(body: string, contentType: string): string {
  if (contentType.includes("json")) {
    try {
      const data = JSON.parse(body)?.data;
      if (typeof data === "string") return data;
    } catch {}
  }
  return body;
}
