import { describe, expect, it } from "vitest";
import {
  createReceiver,
  type DedupeStore,
  defineProvider,
  type ReceiverOptions,
  type RejectedDelivery,
  WebhookError,
} from "../src";

const TOKEN = "aai-token-for-errors-0123";
const body = (id: string) => JSON.stringify({ transcript_id: id, status: "completed" });
const headers = { "content-type": "application/json", "x-webhook-token": TOKEN };

function setup(store?: DedupeStore) {
  const receiver = createReceiver({
    providers: { assemblyai: { headers: { "x-webhook-token": TOKEN } } },
    ...(store ? { store } : {}),
  });
  const rejected: RejectedDelivery[] = [];
  receiver.onRejected((r) => {
    rejected.push(r);
  });
  const post = (text: string, h: Record<string, string> = headers) =>
    receiver.handle({ method: "POST", url: "/webhooks/assemblyai", headers: h, body: text });
  return { receiver, rejected, post };
}

describe("WebhookError keeps its cause", () => {
  it("accepts { cause } and exposes it as Error#cause, never in the response", () => {
    const cause = new Error("low-level detail");
    const error = new WebhookError("internal_error", 500, "failed", {}, { cause });
    expect(error.cause).toBe(cause);
    expect(error.toResponse().body).not.toContain("low-level detail");
  });

  it("a handler's thrown value reaches onRejected as delivery.error (the same object), not the response", async () => {
    const { receiver, rejected, post } = setup();
    const thrown = new RangeError("row 7 is locked");
    receiver.onComplete(() => {
      throw thrown;
    });
    const res = await post(body("job-1"));
    expect(res.status).toBe(500);
    expect(res.body).not.toContain("row 7");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.error).toBe(thrown);
  });

  it("a handler that throws a non-Error value: that value is delivery.error", async () => {
    const { receiver, rejected, post } = setup();
    const thrown = { reason: "plain object" };
    receiver.onComplete(() => Promise.reject(thrown));
    expect((await post(body("job-2"))).status).toBe(500);
    expect(rejected[0]!.error).toBe(thrown);
  });

  it("an unreachable store: 503 whose cause is the store's error", async () => {
    const down = new Error("ECONNREFUSED 127.0.0.1:6379");
    const store: DedupeStore = {
      claim: () => Promise.reject(down),
      complete: () => Promise.resolve(),
      release: () => Promise.resolve(),
    };
    const { rejected, post } = setup(store);
    const res = await post(body("job-3"));
    expect(res.status).toBe(503);
    expect(res.body).not.toContain("ECONNREFUSED");
    const error = rejected[0]!.error as WebhookError;
    expect(error).toBeInstanceOf(WebhookError);
    expect(error.code).toBe("store_unavailable");
    expect(error.cause).toBe(down);
  });

  it("malformed JSON: 400 whose cause is the parser's error", async () => {
    const { rejected, post } = setup();
    expect((await post('{"transcript_id":')).status).toBe(400);
    const error = rejected[0]!.error as WebhookError;
    expect(error.code).toBe("body_malformed");
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("a refusal without an underlying error: delivery.error is the WebhookError itself", async () => {
    const { rejected, post } = setup();
    await post(body("job-4"), { "content-type": "application/json" });
    const error = rejected[0]!.error as WebhookError;
    expect(error).toBeInstanceOf(WebhookError);
    expect(error.code).toBe("header_missing");
  });

  it("an unexpected internal error: 500 internal_error, delivery.error is the thrown value", async () => {
    const broken = new TypeError("cannot read properties of undefined");
    const buggy = defineProvider({
      id: "buggy",
      name: "Buggy",
      methods: ["POST"],
      normalise: () => {
        throw broken;
      },
    });
    const receiver = createReceiver({
      providers: { buggy: { insecureNoAuth: true } },
      customProviders: [buggy],
    } as ReceiverOptions);
    const rejected: RejectedDelivery[] = [];
    receiver.onRejected((d) => {
      rejected.push(d);
    });
    const res = await receiver.handle({ method: "POST", url: "/webhooks/buggy", headers, body: "{}" });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body).error.code).toBe("internal_error");
    expect(res.body).not.toContain("cannot read");
    expect(rejected[0]!.error).toBe(broken);
  });
});
