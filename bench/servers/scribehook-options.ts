import { BENCH_SECRET } from "../payload";

/** The receiver every scribehook configuration runs: InstantTranscriber, HMAC-signed. */
export const receiverOptions = { providers: { instanttranscriber: { secret: BENCH_SECRET } } };

/** True for the configurations whose handler reads the payload (a full parse), not only the job id. */
export const readsPayload = process.env.BENCH_READ_PAYLOAD === "1";
