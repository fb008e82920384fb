import { defineProvider } from "./define-provider";
import { digest, str } from "./fields";

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
  docs: "https://www.rev.com/api/ordersget",
  auth: "urlToken",
  methods: ["POST"],
  formats: ["form", "json"],
  jobId: "order_number",
  status: {
    field: "status",
    table: { Complete: "completed", Completed: "completed", Cancelled: "cancelled", Canceled: "cancelled" },
    ignoreCase: true,
    // Every intermediate step of Rev's workflow (`Transcribing`, `In Progress`, …).
    otherwise: "processing",
  },
  error: { fallback: "The Rev.com order was cancelled" },
  normalise(payload, _ctx, declared) {
    // One order may notify several times in one status (Detailed / FileComplete levels).
    const type = str(payload.type);
    const attachment = str(payload.attachment_id);
    const comment = str(payload.comment);
    const extra =
      type || attachment || comment
        ? `:${type ?? ""}:${attachment ?? ""}:${comment ? digest(comment) : ""}`
        : "";
    return { ...declared, idempotencyKey: `revcom:${declared.jobId}:${declared.providerStatus}${extra}` };
  },
});
