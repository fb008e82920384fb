import { describe, expect, it } from "vitest";
import { headerReader } from "../../src/http";
import { verifyStaticHeaders, WebhookError } from "../../src/index";

const TOKEN = "s3cr3t-header-value";

async function errOf(fn: () => Promise<void>): Promise<WebhookError | undefined> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WebhookError);
    return e as WebhookError;
  }
  return undefined;
}

describe("verifyStaticHeaders", () => {
  it("accepts the exact value, whatever the case of the header name on either side", async () => {
    const read = headerReader({ "X-Webhook-Token": TOKEN });
    expect(await errOf(() => verifyStaticHeaders({ "x-webhook-token": TOKEN }, read))).toBeUndefined();
    expect(await errOf(() => verifyStaticHeaders({ "X-WEBHOOK-TOKEN": TOKEN }, read))).toBeUndefined();
    const fetchHeaders = headerReader(new Headers({ "x-webhook-token": TOKEN }));
    expect(
      await errOf(() => verifyStaticHeaders({ "X-Webhook-Token": TOKEN }, fetchHeaders)),
    ).toBeUndefined();
  });
  it("accepts any of several values (rotation)", async () => {
    const expected = { "x-webhook-token": ["new-value", TOKEN] };
    expect(
      await errOf(() => verifyStaticHeaders(expected, headerReader({ "x-webhook-token": TOKEN }))),
    ).toBeUndefined();
    expect(
      await errOf(() => verifyStaticHeaders(expected, headerReader({ "x-webhook-token": "new-value" }))),
    ).toBeUndefined();
    expect(
      (await errOf(() => verifyStaticHeaders(expected, headerReader({ "x-webhook-token": "other" }))))?.code,
    ).toBe("header_mismatch");
  });
  it("requires every configured header", async () => {
    const expected = { "x-a": "1", "x-b": "2" };
    expect(
      await errOf(() => verifyStaticHeaders(expected, headerReader({ "x-a": "1", "x-b": "2" }))),
    ).toBeUndefined();
    const e = await errOf(() => verifyStaticHeaders(expected, headerReader({ "x-a": "1" })));
    expect(e?.code).toBe("header_missing");
    expect(e?.message).toContain("x-b");
  });
  it("rejects a missing or empty header with 401 header_missing", async () => {
    for (const headers of [{}, { "x-webhook-token": "" }]) {
      const e = await errOf(() => verifyStaticHeaders({ "x-webhook-token": TOKEN }, headerReader(headers)));
      expect(e?.status).toBe(401);
      expect(e?.code).toBe("header_missing");
    }
  });
  it("rejects a mismatch (prefix, longer, case, whitespace) with 401 header_mismatch", async () => {
    for (const v of [TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase(), ` ${TOKEN}x`, "x"]) {
      const e = await errOf(() =>
        verifyStaticHeaders({ "x-webhook-token": TOKEN }, headerReader({ "x-webhook-token": v })),
      );
      expect(e?.status).toBe(401);
      expect(e?.code).toBe("header_mismatch");
    }
  });
  it("rejects a header sent twice (joined values) rather than accepting either", async () => {
    const e = await errOf(() =>
      verifyStaticHeaders({ "x-webhook-token": TOKEN }, headerReader({ "x-webhook-token": [TOKEN, "evil"] })),
    );
    expect(e?.code).toBe("header_mismatch");
  });
  it("never puts the expected or received value in the message or the response", async () => {
    const received = "received-value-xyz";
    const e = (await errOf(() =>
      verifyStaticHeaders({ authorization: `Bearer ${TOKEN}` }, headerReader({ authorization: received })),
    ))!;
    expect(e.message).toContain("authorization");
    const text = `${e.message} ${e.toResponse().body}`;
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(received);
  });
});
