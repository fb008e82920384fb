import { randomUUID } from "node:crypto";
import { signDelivery } from "@scribehook/testing";
import { SonioxNodeClient } from "@soniox/node";
import { describe, expect, it } from "vitest";
import { receiverFor } from "./support";

// Soniox does not sign its webhooks: it echoes the header set with webhook_auth_header_name/value. Its
// SDK's verifier is `client.webhooks.handle({ method, headers, body, auth })`: that header (exact value),
// then the body `{ id, status: "completed" | "error" }`. No network: the client is never asked to call Soniox.
const AUTH = { name: "X-Soniox-Webhook-Token", value: `tok_${randomUUID()}` };
const webhooks = new SonioxNodeClient({ api_key: "not-used" }).webhooks;
const config = { headers: { [AUTH.name]: AUTH.value } };

describe("Soniox deliveries: the SDK's verifier and scribehook agree", () => {
  it("both accept a delivery with the configured header, and read the same id and status", async () => {
    const r = receiverFor("soniox", config);
    for (const status of ["completed", "error"] as const) {
      const id = randomUUID();
      const body = JSON.stringify({ id, status });
      const headers = { "content-type": "application/json", [AUTH.name.toLowerCase()]: AUTH.value };
      const sdk = webhooks.handle({ method: "POST", headers, body, auth: AUTH });
      expect([sdk.ok, sdk.event]).toEqual([true, { id, status }]);
      expect((await r.send({ headers, body })).status).toBe(200);
    }
    expect(r.events.map((e) => e.status)).toEqual(["completed", "failed"]);
  });

  it("both refuse a wrong or missing header with 401", async () => {
    const r = receiverFor("soniox", config);
    const body = JSON.stringify({ id: randomUUID(), status: "completed" });
    for (const headers of [{ [AUTH.name]: `${AUTH.value}x` }, {}]) {
      expect(webhooks.handle({ method: "POST", headers, body, auth: AUTH }).status).toBe(401);
      expect((await r.send({ headers, body })).status).toBe(401);
    }
    expect(r.events).toHaveLength(0);
  });
});

describe("@scribehook/testing → Soniox's SDK", () => {
  it("signDelivery('soniox') passes webhooks.handle, completed and failed", () => {
    for (const [status, sonioxStatus] of [
      ["completed", "completed"],
      ["failed", "error"],
    ] as const) {
      const d = signDelivery("soniox", { status, jobId: "tr-1", headers: { [AUTH.name]: AUTH.value } });
      const result = webhooks.handle({ method: d.method, headers: d.headers, body: d.body, auth: AUTH });
      expect([result.ok, result.event]).toEqual([true, { id: "tr-1", status: sonioxStatus }]);
    }
  });
});
