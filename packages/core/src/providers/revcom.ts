import { defineProvider } from "./define-provider";
import { asObject, digest, str } from "./fields";

/**
 * What Rev.com POSTs to `notification.url`: form-encoded fields by default, JSON when the order asked
 * for `content_type: "ApplicationJson"`. Every value is a string.
 */
export interface RevComPayload {
  /** The Rev-assigned order number. */
  order_number: string;
  /** Your reference for the order, if you gave one. */
  client_ref?: string;
  /** The order's status in Rev's workflow: `Complete`, `Cancelled`, or an intermediate step. */
  status: "Complete" | "Completed" | "Cancelled" | (string & {});
  /** The type of notification. */
  type?: string;
  /** The most recent comment, if any. */
  comment?: string;
  /** With `FileComplete`/`Detailed`: the kind and attachment id of a delivered file. */
  deliverable_type?: string;
  attachment_id?: string;
  [key: string]: unknown;
}

/**
 * Rev.com (human transcription/captions, API v1): POST, form-encoded or JSON. Rev.com cannot
 * authenticate its notifications → `urlToken: true` (give `receiver.callbackUrl(...)` as
 * `notification.url`). Rev.com neither reads the response nor retries.
 *
 * Status: `Complete` (also `Completed`) → completed, `Cancelled` → cancelled (a `transcription.failed`
 * event); every intermediate step (`Transcribing`, `In Progress`, …) → processing. `jobId` is
 * `order_number`. With the `Detailed` and `FileComplete` levels one order sends several notifications
 * in the same status, so the idempotency key adds the notification type, the attachment id and a
 * digest of the comment.
 */
export const revcom = defineProvider<"revcom", RevComPayload>({
  id: "revcom",
  name: "Rev.com",
  methods: ["POST"],
  formats: ["form", "json"],
  parse: (body) => asObject(body, "Rev.com") as RevComPayload,
  normalise(payload) {
    const status = str(payload.status) ?? "";
    const jobId = str(payload.order_number);
    const lower = status.toLowerCase();
    const extra = [str(payload.type), str(payload.attachment_id), str(payload.comment)].some(Boolean)
      ? `:${str(payload.type) ?? ""}:${str(payload.attachment_id) ?? ""}:${
          str(payload.comment) ? digest(String(payload.comment)) : ""
        }`
      : "";
    return {
      jobId,
      providerStatus: status,
      status:
        lower === "complete" || lower === "completed"
          ? "completed"
          : lower === "cancelled" || lower === "canceled"
            ? "cancelled"
            : status === ""
              ? "other"
              : "processing",
      ...(lower === "cancelled" || lower === "canceled"
        ? { error: { code: "cancelled", message: "The Rev.com order was cancelled" } }
        : {}),
      idempotencyKey: `revcom:${jobId}:${status}${extra}`,
      payload,
    };
  },
});
