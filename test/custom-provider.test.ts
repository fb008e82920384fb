import type { ProviderId, ProviderPayload, TranscriptionEvent } from "@scribehook/core";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type InhousePayload, inhouseReceiver, signInhouse } from "../examples/custom-provider/inhouse";

const SECRET = "inhouse-shared-secret";

function setup() {
  const receiver = inhouseReceiver(SECRET);
  const completed: TranscriptionEvent[] = [];
  const failed: TranscriptionEvent[] = [];
  receiver.onComplete((e) => {
    completed.push(e);
  });
  receiver.onFailed((e) => {
    failed.push(e);
  });
  const send = (d: { headers: Record<string, string>; body: string }) =>
    receiver.handle({ method: "POST", url: "/webhooks/inhouse", headers: d.headers, body: d.body });
  return { receiver, completed, failed, send };
}

describe("custom provider (examples/custom-provider)", () => {
  it("turns a signed 'done' delivery into a completed event with a typed payload", async () => {
    const { completed, send } = setup();
    const res = await send(signInhouse({ job: "ih-1", state: "done", text: "hello" }, SECRET));
    expect(res.status).toBe(200);
    expect(completed).toHaveLength(1);
    const event = completed[0]!;
    expect(event).toMatchObject({
      provider: "inhouse",
      jobId: "ih-1",
      status: "completed",
      providerStatus: "done",
    });
    if (event.provider === "inhouse") {
      expectTypeOf(event.payload).toEqualTypeOf<InhousePayload>();
      expect(event.payload.text).toBe("hello");
    }
  });

  it("turns an 'error' delivery into a failed event with the message", async () => {
    const { failed, send } = setup();
    await send(signInhouse({ job: "ih-2", state: "error", error: "unsupported codec" }, SECRET));
    expect(failed[0]).toMatchObject({
      jobId: "ih-2",
      status: "failed",
      error: { message: "unsupported codec" },
    });
  });

  it("refuses a wrong secret, a tampered body, a stale and a future timestamp with 401", async () => {
    const { completed, failed, send } = setup();
    const code = async (d: { headers: Record<string, string>; body: string }) => {
      const res = await send(d);
      return [res.status, JSON.parse(res.body).error.code];
    };
    const good = signInhouse({ job: "ih-3", state: "done" }, SECRET);
    expect(await code(signInhouse({ job: "ih-3", state: "done" }, "guess"))).toEqual([
      401,
      "signature_mismatch",
    ]);
    expect(await code({ ...good, body: good.body.replace("ih-3", "ih-4") })).toEqual([
      401,
      "signature_mismatch",
    ]);
    const { "x-inhouse-signature": _, ...unsigned } = good.headers;
    expect(await code({ headers: unsigned, body: good.body })).toEqual([401, "signature_missing"]);
    const t = Math.floor(Date.now() / 1000);
    expect(await code(signInhouse({ job: "ih-3", state: "done" }, SECRET, t - 600))).toEqual([
      401,
      "timestamp_too_old",
    ]);
    expect(await code(signInhouse({ job: "ih-3", state: "done" }, SECRET, t + 600))).toEqual([
      401,
      "timestamp_too_new",
    ]);
    expect(completed.length + failed.length).toBe(0);
  });

  it("de-duplicates like a built-in provider", async () => {
    const { completed, send } = setup();
    const d = signInhouse({ job: "ih-5", state: "done" }, SECRET);
    await send(d);
    const again = await send(d);
    expect(JSON.parse(again.body)).toEqual({ ok: true, duplicate: true });
    expect(completed).toHaveLength(1);
  });

  it("types: the augmented id is a ProviderId and its payload type is the declared one", () => {
    expectTypeOf<"inhouse">().toExtend<ProviderId>();
    expectTypeOf<ProviderPayload<"inhouse">>().toEqualTypeOf<InhousePayload>();
    expectTypeOf<
      Extract<TranscriptionEvent, { provider: "inhouse" }>["payload"]
    >().toEqualTypeOf<InhousePayload>();
    // Built-in providers keep their own payload types.
    expectTypeOf<ProviderPayload<"soniox">>().not.toEqualTypeOf<InhousePayload>();
  });
});
