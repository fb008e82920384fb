import { utf8Text } from "../encoding";
import { malformed } from "../errors";
import { parseJson } from "../json/parse-json";
import { type MultipartPart, parseMultipart } from "../multipart";
import { defineProvider, type ProviderContext } from "./define-provider";
import { str } from "./fields";

/** One named item of a multipart Speechmatics notification (`transcript`, `jobinfo`, `data`, …). */
export interface SpeechmaticsAttachment {
  /** The form field name. */
  name: string;
  filename?: string;
  contentType: string;
  /** Set when the item is JSON (`transcript`, `transcript.json-v2`, `jobinfo`, `alignment`…). */
  json?: unknown;
  /** Set when the item is text (`transcript.txt`, `transcript.srt`, …). */
  text?: string;
  /** The item's exact bytes (for media, `data`). */
  bytes: Uint8Array;
}

/**
 * A Speechmatics notification. The job id and status come from the query string Speechmatics appends
 * to the URL; the body depends on `notification_config.contents`: empty (no contents), one item as
 * the whole body (JSON, text, or bytes), or several items as multipart attachments (also the default
 * when `contents` is not given: the transcript as an attachment named `data_file`).
 */
export interface SpeechmaticsPayload {
  /** The job id, from `?id=`. */
  id: string;
  /** From `?status=`. */
  status: "success" | "error" | "fetch_error" | "trim_error" | (string & {});
  /** What the body held. */
  body: "empty" | "json" | "text" | "binary" | "multipart";
  /** A single JSON item. */
  json?: unknown;
  /** A single text item. */
  text?: string;
  /** A single binary item (e.g. the media file). */
  bytes?: Uint8Array;
  /** Multipart items, in the order received. */
  attachments?: SpeechmaticsAttachment[];
}

/**
 * Speechmatics batch notifications: POST or PUT (`notification_config.method`), with `?id=<job>&status=…`
 * appended to the URL. Authenticated by the headers listed in `notification_config.auth_headers`,
 * which Speechmatics takes as `"Name: value"` strings: `auth_headers: ["Authorization: Bearer s3cret"]`
 * is configured here as `headers: { authorization: "Bearer s3cret" }`.
 *
 * Status: `success` → completed; `error`, `fetch_error`, `trim_error` → failed (`error.code` is the
 * status). `jobId` is the `id` query parameter: trusted only because the request is authenticated.
 *
 * Speechmatics publishes per-region egress addresses in its own documentation; they are not built in
 * (they change by region and over time), so `allowIps: "documented"` is refused: list them yourself.
 */
export const speechmatics = defineProvider<"speechmatics", SpeechmaticsPayload>({
  id: "speechmatics",
  name: "Speechmatics",
  docs: "https://docs.speechmatics.com/speech-to-text/batch/notifications",
  auth: "headers",
  methods: ["POST", "PUT"],
  formats: ["empty", "json", "text", "binary", "multipart"],
  parseMultipart,
  parse: (body, ctx) => toPayload(body, ctx),
  jobId: "id",
  status: {
    field: "status",
    table: { success: "completed", error: "failed", fetch_error: "failed", trim_error: "failed" },
  },
  error: { code: "status", fallback: "Speechmatics reported the job as failed (see the code)" },
});

function toPayload(body: unknown, ctx: ProviderContext): SpeechmaticsPayload {
  const base = {
    id: str(ctx.url.searchParams.get("id")) ?? "",
    status: ctx.url.searchParams.get("status") ?? "",
  };
  if (ctx.body.length === 0) return { ...base, body: "empty" };
  if (typeof body === "string") return { ...base, body: "text", text: body };
  if (body instanceof Uint8Array) return { ...base, body: "binary", bytes: body };
  if (Array.isArray(body) && ctx.contentType === "multipart/form-data") {
    return { ...base, body: "multipart", attachments: (body as MultipartPart[]).map(attachment) };
  }
  return { ...base, body: "json", json: body };
}

function attachment(part: MultipartPart): SpeechmaticsAttachment {
  const out: SpeechmaticsAttachment = {
    name: part.name,
    ...(part.filename === undefined ? {} : { filename: part.filename }),
    contentType: part.contentType,
    bytes: part.body,
  };
  const isJson =
    part.contentType === "application/json" ||
    part.contentType.endsWith("+json") ||
    (part.contentType === "" && /\.json$/i.test(part.filename ?? ""));
  if (isJson) {
    try {
      out.json = parseJson(part.body);
    } catch (cause) {
      throw malformed(`The multipart item "${part.name}" is not valid JSON`, "body_malformed", cause);
    }
  } else if (part.contentType.startsWith("text/") || part.contentType === "application/x-subrip") {
    out.text = utf8Text(part.body);
  }
  return out;
}
