import type { ResultContext } from "../client";
import { defineResultClient } from "../client";
import { clock, label, list, num, rec, segment, statusFrom, text } from "../shape";
import type { JobStatusResult, TranscriptSegment } from "../types";

/** Rev.com order status (lower-cased) → normalised status; any other non-empty status is still in progress. */
const STATUS = {
  complete: "completed",
  completed: "completed",
  cancelled: "failed",
  canceled: "failed",
} as const;

const auth = (ctx: ResultContext) => ({ authorization: `Rev ${ctx.key()}` });
const CAPTION_TYPES = { srt: "application/x-subrip", vtt: "text/vtt" } as const;

async function order(ctx: ResultContext): Promise<Record<string, any>> {
  return (
    rec(
      await ctx.json(`${ctx.baseUrl}/api/v1/orders/${encodeURIComponent(ctx.jobId)}`, {
        ...auth(ctx),
        accept: "application/json",
      }),
    ) ?? {}
  );
}
const content = (ctx: ResultContext, id: string) =>
  `${ctx.baseUrl}/api/v1/attachments/${encodeURIComponent(String(id))}/content`;

/**
 * Rev.com (human transcription and captions, API v1): `apiKey` is `"<client key>:<user key>"`, sent
 * as `Authorization: Rev <client key>:<user key>`. `transcript()` reads the order
 * (`GET /api/v1/orders/{order_number}`), then its transcript attachment's content as Rev transcript
 * JSON (`Accept: application/json+rev-transcript`): one segment per monologue, with the speaker's
 * name. Rev.com's transcript elements are phrases, not words, so `words` is absent; the duration is
 * the media attachment's length. Captions: the order's caption attachment in SRT or WebVTT when it
 * has one, else rendered from the monologues.
 * Unconfirmed: the format of element `timestamp` / `end_timestamp` (read as `HH:MM:SS.mmm` or seconds)
 * and the media length fields (`audio_length_seconds` / `video_length_seconds`). Rev.com reports no
 * language, so `language` is absent.
 * Docs: https://www.rev.com/api/attachmentsgetcontent and https://www.rev.com/api/ordersget
 *
 * @example
 * ```ts
 * await fetchTranscript({ provider: "revcom", jobId: orderNumber, apiKey: `${clientKey}:${userKey}` });
 * ```
 */
export const revcomResult = defineResultClient({
  id: "revcom",
  name: "Rev.com",
  docs: "https://www.rev.com/api/attachmentsgetcontent",
  defaultBaseUrl: "https://api.rev.com",
  async fetch(ctx) {
    const o = await order(ctx);
    const attachments = list(o.attachments);
    const transcript = attachments.find((a) => a?.kind === "transcript");
    if (!transcript?.id)
      throw ctx.fail("not_found", `Rev.com order ${ctx.jobId} has no transcript attachment yet`);
    const body = await ctx.json(content(ctx, transcript.id), {
      ...auth(ctx),
      accept: "application/json+rev-transcript",
    });
    const segments: TranscriptSegment[] = [];
    for (const m of list(body?.monologues)) {
      const elements = list(m?.elements).filter((e) => e?.type === "text");
      const line = elements
        .map((e) => text(e?.value) ?? "")
        .join(" ")
        .replace(/\s+/g, " ")
        .trim();
      if (!line) continue;
      const times = elements
        .flatMap((e) => [clock(e?.timestamp), clock(e?.end_timestamp)])
        .filter((t) => t !== undefined);
      segments.push(
        segment(
          line,
          times[0] ?? 0,
          times[times.length - 1] ?? times[0] ?? 0,
          label(m?.speaker_name) ?? label(m?.speaker),
        ),
      );
    }
    const media = attachments.find((a) => a?.kind === "media");
    const duration = num(media?.audio_length_seconds) ?? num(media?.video_length_seconds);
    return {
      text: segments.map((s) => s.text).join(" "),
      segments,
      ...(duration !== undefined ? { durationInSeconds: duration } : {}),
      raw: body,
    };
  },
  async captions(ctx, format) {
    const caption = list((await order(ctx)).attachments).find((a) => a?.kind === "caption");
    if (!caption?.id) return undefined;
    return (await ctx.get(content(ctx, caption.id), { ...auth(ctx), accept: CAPTION_TYPES[format] })).body;
  },
  async status(ctx): Promise<JobStatusResult> {
    const o = await order(ctx);
    const providerStatus = text(o.status) ?? "";
    const lower = providerStatus.toLowerCase();
    return {
      status: statusFrom(STATUS, lower, providerStatus ? "processing" : "other"),
      providerStatus,
      raw: o,
      ...(lower.startsWith("cancel")
        ? { error: { code: "cancelled", message: "The Rev.com order was cancelled" } }
        : {}),
    };
  },
});
