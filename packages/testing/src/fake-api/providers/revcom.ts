import { type FakeApiSpec, json } from "../spec";

const clock = (s: number) => `00:00:${s.toFixed(3).padStart(6, "0")}`;

/**
 * Rev.com API v1: `GET /api/v1/orders/{order_number}` and `/api/v1/attachments/{id}/content` (Rev
 * transcript JSON); `Authorization: Rev <client key>:<user key>`. Element timestamps as
 * `HH:MM:SS.mmm` (unconfirmed). https://www.rev.com/api/attachmentsgetcontent
 */
export const revcomApi: FakeApiSpec = {
  authorized: (req, key) => req.headers.authorization === `Rev ${key}`,
  unauthorized: json({ code: 10001, message: "Authorization failed" }, 401),
  notFound: json({ code: 10003, message: "Order not found" }, 404),
  sample: () => ({
    speakers: [
      { id: 1, name: "Speaker 1" },
      { id: 2, name: "Speaker 2" },
    ],
    monologues: [
      {
        speaker: 1,
        speaker_name: "Speaker 1",
        elements: [
          { type: "text", value: "Hello there.", timestamp: clock(0.24), end_timestamp: clock(1.1) },
        ],
      },
      {
        speaker: 2,
        speaker_name: "Speaker 2",
        elements: [
          { type: "text", value: "Thanks for calling.", timestamp: clock(1.5), end_timestamp: clock(2.56) },
          { type: "tag", value: "inaudible", timestamp: clock(2.6) },
        ],
      },
    ],
  }),
  routes: [
    [
      "GET",
      /^\/api\/v1\/orders\/([^/]+)$/,
      (id, _req, base) =>
        json({
          order_number: id,
          price: 2.85,
          status: "Complete",
          priority: "Normal",
          attachments: [
            {
              kind: "media",
              name: "call.mp3",
              id: "M1",
              audio_length_seconds: 4,
              links: [{ rel: "content", href: `${base}/api/v1/attachments/M1/content` }],
            },
            {
              kind: "transcript",
              name: "call.json",
              id: "T1",
              links: [{ rel: "content", href: `${base}/api/v1/attachments/T1/content` }],
            },
          ],
        }),
    ],
    [
      "GET",
      /^\/api\/v1\/attachments\/([^/]+)\/content$/,
      (id) => (id === "T1" ? json(revcomApi.sample(id, "")) : json({ message: "Attachment not found" }, 404)),
    ],
  ],
};
