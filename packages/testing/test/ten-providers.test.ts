import { createReceiver, type ProvidersOptions, type TranscriptionEvent } from "@scribehook/core";
import { signDelivery } from "@scribehook/testing";
import { describe, expect, it } from "vitest";

const SECRET = "builder-test-secret";
const WHSEC = `whsec_${Buffer.from("standard-webhooks-key-bytes").toString("base64")}`;
const AUTH = { authorization: "Bearer builder-test-token" };

const providers: ProvidersOptions = {
  deepgram: { headers: { "dg-token": "key-id" } },
  revai: { headers: AUTH },
  speechmatics: { headers: AUTH },
  azure: { secret: SECRET },
  elevenlabs: { secret: SECRET },
  ibm: { secret: SECRET },
  soniox: { headers: AUTH },
  revcom: { urlToken: true },
  verbit: { urlToken: true },
  standardwebhooks: { secret: WHSEC },
};

/** What each provider's builder needs to authenticate against `providers` above. */
function auth(id: string, receiver: ReturnType<typeof createReceiver>) {
  switch (id) {
    case "deepgram":
      return { headers: { "dg-token": "key-id" } };
    case "revai":
    case "speechmatics":
    case "soniox":
      return { headers: AUTH };
    case "standardwebhooks":
      return { secret: WHSEC };
    case "revcom":
    case "verbit":
      return { callbackUrl: receiver.callbackUrl({ provider: id, baseUrl: "https://hooks.example.com" }) };
    default:
      return { secret: SECRET };
  }
}

function setup() {
  const receiver = createReceiver({ providers, urlTokenSecret: "builder-url-secret" });
  const events: TranscriptionEvent[] = [];
  receiver.onAny((e) => {
    events.push(e);
  });
  const send = (d: ReturnType<typeof signDelivery>) =>
    receiver.handle({ method: d.method, url: d.path, headers: d.headers, body: d.body });
  return { receiver, events, send };
}

const ids = Object.keys(providers);

describe("signDelivery for the ten added providers", () => {
  it.each(ids)(
    "%s: a completed delivery is accepted as a completed event with the given job id",
    async (id) => {
      const { receiver, events, send } = setup();
      const res = await send(signDelivery(id, { jobId: `job-${id}`, ...auth(id, receiver) }));
      expect(res.status).toBe(200);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ provider: id, jobId: `job-${id}`, type: "transcription.completed" });
    },
  );

  it.each(ids)("%s: a failed delivery is accepted as a failed event", async (id) => {
    const { receiver, events, send } = setup();
    const res = await send(signDelivery(id, { jobId: `job-${id}`, status: "failed", ...auth(id, receiver) }));
    expect(res.status).toBe(200);
    expect(events[0]).toMatchObject({ provider: id, jobId: `job-${id}`, type: "transcription.failed" });
  });

  it.each(["azure", "elevenlabs", "ibm", "standardwebhooks"])(
    "%s: a delivery signed with another secret is refused",
    async (id) => {
      const { events, send } = setup();
      const other =
        id === "standardwebhooks" ? `whsec_${Buffer.from("other").toString("base64")}` : "other-secret";
      const res = await send(signDelivery(id, { secret: other }));
      expect(res.status).toBe(401);
      expect(events).toHaveLength(0);
    },
  );

  it.each(["elevenlabs", "standardwebhooks"])("%s: options.timestamp makes a stale delivery", async (id) => {
    const { receiver, send } = setup();
    const res = await send(
      signDelivery(id, { ...auth(id, receiver), timestamp: Math.floor(Date.now() / 1000) - 7200 }),
    );
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe("timestamp_too_old");
  });

  it.each(ids)("%s: options.body is sent and signed exactly as given", async (id) => {
    const { receiver, events, send } = setup();
    const sample = signDelivery(id, { jobId: `job-${id}`, ...auth(id, receiver) });
    // The same delivery in other bytes: a fixture spelled as the docs print it (or any body under test).
    const body = sample.body.startsWith("{")
      ? JSON.stringify(JSON.parse(sample.body), null, 2)
      : `${sample.body}&`;
    expect(body).not.toBe(sample.body);
    const d = signDelivery(id, {
      jobId: `job-${id}`,
      ...auth(id, receiver),
      body,
      payload: { ignored: true },
    });
    expect(d.body).toBe(body);
    const res = await send(d);
    expect(res.status).toBe(200);
    expect(events[0]).toMatchObject({ provider: id, jobId: `job-${id}` });
    expect(events[0]!.payload).not.toHaveProperty("ignored");
  });

  it.each(["deepgram", "speechmatics"])("%s: builds PUT deliveries", async (id) => {
    const { receiver, events, send } = setup();
    const d = signDelivery(id, { method: "PUT", ...auth(id, receiver) });
    expect(d.method).toBe("PUT");
    expect((await send(d)).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it("speechmatics: appends id and status to a callback URL that already has a query", () => {
    const d = signDelivery("speechmatics", {
      jobId: "j1",
      callbackUrl: "https://x.test/webhooks/speechmatics?sh_token=abc",
    });
    expect(d.path).toBe("/webhooks/speechmatics?sh_token=abc&id=j1&status=success");
  });

  it("verbit: the answer to its delivery is exactly OK", async () => {
    const { receiver, send } = setup();
    const res = await send(signDelivery("verbit", auth("verbit", receiver)));
    expect(res.body).toBe("OK");
  });

  it("refuses a PUT for POST-only providers", () => {
    expect(() => signDelivery("revai", { method: "PUT" })).toThrow(/POST/);
  });
});
