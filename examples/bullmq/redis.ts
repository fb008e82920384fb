/** Where the queue lives: REDIS_HOST / REDIS_PORT (default 127.0.0.1:6379), queue "transcriptions". */
export const connection = {
  host: process.env.REDIS_HOST ?? "127.0.0.1",
  port: Number(process.env.REDIS_PORT ?? 6379),
};
export const QUEUE = process.env.QUEUE_NAME ?? "transcriptions";
