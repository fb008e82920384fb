import { parseCaptions } from "../captions";
import type { ResultContext } from "../client";
import { defineResultClient } from "../client";
import { rec, statusFrom, text } from "../shape";
import type { JobStatusResult } from "../types";

/** InstantTranscriber transcription status → normalised status. */
const STATUS = {
  completed: "completed",
  failed: "failed",
  processing: "processing",
  queued: "processing",
} as const;

const base = (ctx: ResultContext) => `${ctx.baseUrl}/v1/transcriptions/${encodeURIComponent(ctx.jobId)}`;
const auth = (ctx: ResultContext) => ({ authorization: `Bearer ${ctx.key()}` });

/**
 * The SRT link of the callback when it lies on the configured API origin (so the key never goes
 * elsewhere), else the assumed export route.
 */
function srtUrl(ctx: ResultContext): string {
  const linked = text(rec(rec(ctx.payload)?.download_urls)?.srt);
  if (linked) {
    try {
      if (new URL(linked).origin === new URL(ctx.baseUrl).origin) return linked;
    } catch {}
  }
  return `${base(ctx)}/download?format=srt`;
}

/**
 * InstantTranscriber: every endpoint takes `Authorization: Bearer <api key>`, and the callback links
 * the finished exports (`download_urls.txt` / `.srt`). `transcript()` downloads the SRT — the
 * callback's link when it is on the configured API origin (the key never goes to another host), else
 * `/v1/transcriptions/{id}/download?format=srt` — and reads its cues as segments; there are no word
 * timings. Captions: SRT is InstantTranscriber's own; WebVTT is rendered from the cues. Status:
 * `GET /v1/transcriptions/{id}`.
 * Unconfirmed: the export route used without a callback, and the status route's body (`{ id, status }`
 * as in the callback). No language or duration is reported.
 * Docs: https://instanttranscriber.com/api and https://instanttranscriber.com/api/transcription-webhooks
 *
 * @example
 * ```ts
 * const t = await fetchTranscript({ provider: "instanttranscriber", jobId, apiKey: process.env.IT_KEY });
 * ```
 */
export const instanttranscriberResult = defineResultClient({
  id: "instanttranscriber",
  name: "InstantTranscriber",
  docs: "https://instanttranscriber.com/api",
  defaultBaseUrl: "https://api.instanttranscriber.com",
  async fetch(ctx) {
    const srt = (await ctx.get(srtUrl(ctx), auth(ctx))).body;
    const segments = parseCaptions(srt);
    return { text: segments.map((s) => s.text).join(" "), segments, raw: srt };
  },
  async captions(ctx, format) {
    if (format !== "srt") return undefined;
    return (await ctx.get(srtUrl(ctx), auth(ctx))).body;
  },
  async status(ctx): Promise<JobStatusResult> {
    const body = rec(await ctx.json(base(ctx), { ...auth(ctx), accept: "application/json" }));
    const providerStatus = text(body?.status) ?? "";
    return {
      status: statusFrom(STATUS, providerStatus),
      providerStatus,
      raw: body,
    };
  },
});
