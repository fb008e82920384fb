import { describe, expect, it } from "vitest";
import { headerReader, verifyStaticHeaders, WebhookError } from "../../src/index";

const TOKEN = "s3cr3t-header-value";

function errOf(fn: () => void): WebhookError | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WebhookError);
    return e as WebhookError;
  }
  return undefined;
}

describe("verifyStaticHeaders", () => {
  it("accepts the exact value, whatever the case of the header name on either side", () => {
    const read = headerReader({ "X-Webhook-Token": TOKEN });
    expect(errOf(() => verifyStaticHeaders({ "x-webhook-token": TOKEN }, read))).toBeUndefined();
    expect(errOf(() => verifyStaticHeaders({ "X-WEBHOOK-TOKEN": TOKEN }, read))).toBeUndefined();
    const fetchHeaders = headerReader(new Headers({ "x-webhook-token": TOKEN }));
    expect(errOf(() => verifyStaticHeaders({ "X-Webhook-Token": TOKEN }, fetchHeaders))).toBeUndefined();
  });
  it("accepts any of several values (rotation)", () => {
    const expected = { "x-webhook-token": ["new-value", TOKEN] };
    expect(
      errOf(() => verifyStaticHeaders(expected, headerReader({ "x-webhook-token": TOKEN }))),
    ).toBeUndefined();
    expect(
      errOf(() => verifyStaticHeaders(expected, headerReader({ "x-webhook-token": "new-value" }))),
    ).toBeUndefined();
    expect(
      errOf(() => verifyStaticHeaders(expected, headerReader({ "x-webhook-token": "other" })))?.code,
    ).toBe("header_mismatch");
  });
  it("requires every configured header", () => {
    const expected = { "x-a": "1", "x-b": "2" };
    expect(
      errOf(() => verifyStaticHeaders(expected, headerReader({ "x-a": "1", "x-b": "2" }))),
    ).toBeUndefined();
    const e = errOf(() => verifyStaticHeaders(expected, headerReader({ "x-a": "1" })));
    expect(e?.code).toBe("header_missing");
    expect(e?.message).toContain("x-b");
  });
  it("rejects a missing or empty header with 401 header_missing", () => {
    for (const headers of [{}, { "x-webhook-token": "" }]) {
      const e = errOf(() => verifyStaticHeaders({ "x-webhook-token": TOKEN }, headerReader(headers)));
      expect(e?.status).toBe(401);
      expect(e?.code).toBe("header_missing");
    }
  });
  it("rejects a mismatch (prefix, longer, case, whitespace) with 401 header_mismatch", () => {
    for (const v of [TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase(), ` ${TOKEN}x`, "x"]) {
      const e = errOf(() =>
        verifyStaticHeaders({ "x-webhook-token": TOKEN }, headerReader({ "x-webhook-token": v })),
      );
      expect(e?.status).toBe(401);
      expect(e?.code).toBe("header_mismatch");
    }
  });
  it("rejects a header sent twice (joined values) rather than accepting either", () => {
    const e = errOf(() =>
      verifyStaticHeaders({ "x-webhook-token": TOKEN }, headerReader({ "x-webhook-token": [TOKEN, "evil"] })),
    );
    expect(e?.code).toBe("header_mismatch");
  });
  it("never puts the expected or received value in the message or the response", () => {
    const received = "received-value-xyz";
    const e = errOf(() =>
      verifyStaticHeaders({ authorization: `Bearer ${TOKEN}` }, headerReader({ authorization: received })),
    )!;
    expect(e.message).toContain("authorization");
    const text = `${e.message} ${e.toResponse().body}`;
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(received);
  });
});
