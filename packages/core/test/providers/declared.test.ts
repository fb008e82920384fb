import { defineProvider, hmacSignature, type ProviderContext } from "@scribehook/core";
import { describe, expect, it } from "vitest";
import { compileNormaliser, fieldReader } from "../../src/providers/read-declared";

// The declared reading every provider shares: field paths, status tables, error fields, and the
// checks that refuse a definition which could not work when it is declared.
const ctx = {} as ProviderContext;

describe("fieldReader", () => {
  it("reads the first path holding a non-empty string or a number", () => {
    const read = fieldReader(["a.b", "c", "d"]);
    expect(read({ a: { b: "" }, c: 42, d: "x" })).toBe("42");
    expect(read({ a: { b: "first" }, c: 42 })).toBe("first");
    expect(read({ a: "not an object", c: null, d: { nested: true } })).toBeUndefined();
    expect(fieldReader("results.0.id")({ results: [{ id: "r0" }] })).toBe("r0");
  });

  it("follows only the payload's own properties, never its prototype", () => {
    expect(fieldReader("constructor.name")({})).toBeUndefined();
    expect(fieldReader("toString")({})).toBeUndefined();
    expect(fieldReader("id")(Object.create({ id: "inherited" }))).toBeUndefined();
  });
});

function provider(extra: Partial<Parameters<typeof defineProvider>[0]>) {
  return defineProvider({
    id: "acme",
    name: "Acme",
    methods: ["POST"],
    jobId: "id",
    status: { field: "state", table: { done: "completed", bad: "failed", stopped: "cancelled" } },
    ...extra,
  });
}

describe("compileNormaliser", () => {
  it("maps the status table; a missing status and an unlisted one are other, or `otherwise`", () => {
    const n = compileNormaliser(provider({}));
    expect(n({ id: "j", state: "done" }, ctx)).toMatchObject({
      jobId: "j",
      providerStatus: "done",
      status: "completed",
    });
    expect(n({ id: "j" }, ctx)).toMatchObject({ providerStatus: "", status: "other" });
    expect(n({ id: "j", state: "Done" }, ctx)).toMatchObject({ status: "other" });
    const lenient = compileNormaliser(
      provider({
        status: { field: "state", table: { Done: "completed" }, ignoreCase: true, otherwise: "processing" },
      }),
    );
    expect(lenient({ id: "j", state: "DONE" }, ctx).status).toBe("completed");
    expect(lenient({ id: "j", state: "Working" }, ctx).status).toBe("processing");
    expect(lenient({ id: "j" }, ctx).status).toBe("other");
  });

  it("suffix matching: a key matches after a '.' or '_' boundary only", () => {
    const n = compileNormaliser(
      provider({
        status: {
          field: "type",
          match: "suffix",
          table: { completed: "completed", in_progress: "processing" },
        },
      }),
    );
    expect(n({ id: "j", type: "batch.completed" }, ctx).status).toBe("completed");
    expect(n({ id: "j", type: "job_in_progress" }, ctx).status).toBe("processing");
    expect(n({ id: "j", type: "uncompleted" }, ctx).status).toBe("other");
    expect(n({ id: "j", type: "progress" }, ctx).status).toBe("other");
  });

  it("builds the error of a failed or cancelled job; a cancelled one without a code gets `cancelled`", () => {
    const n = compileNormaliser(
      provider({ error: { code: "err.code", message: ["err.msg", "reason"], fallback: "Acme failed" } }),
    );
    expect(n({ id: "j", state: "bad", err: { code: 7, msg: "no audio" } }, ctx).error).toEqual({
      code: "7",
      message: "no audio",
    });
    expect(n({ id: "j", state: "bad" }, ctx).error).toEqual({ message: "Acme failed" });
    expect(n({ id: "j", state: "stopped", reason: "by user" }, ctx).error).toEqual({
      code: "cancelled",
      message: "by user",
    });
    expect(n({ id: "j", state: "done", err: { code: 1 } }, ctx).error).toBeUndefined();
  });

  it("refuses a body that is not an object when jobId is declared (400 body_malformed)", () => {
    const n = compileNormaliser(provider({}));
    for (const body of [[1, 2], "text", null, 3]) {
      expect(() => n(body, ctx)).toThrow(expect.objectContaining({ status: 400, code: "body_malformed" }));
    }
  });

  it("hands the declared reading to the definition's own normalise, whose answer wins", () => {
    const n = compileNormaliser(
      provider({
        normalise: (_p, _c, declared) => ({ ...declared, jobId: `x-${declared.jobId}`, idempotencyKey: "k" }),
      }),
    );
    expect(n({ id: "j", state: "done" }, ctx)).toMatchObject({
      jobId: "x-j",
      status: "completed",
      idempotencyKey: "k",
    });
  });
});

describe("defineProvider refuses a definition that could not work", () => {
  const base = { id: "acme", name: "Acme", methods: ["POST"] as const };
  it.each([
    [{ ...base, id: "Acme" }, /lower-case/],
    [{ ...base, methods: [] }, /methods is empty/],
    [{ ...base }, /declare jobId and status, or give a normalise function/],
    [
      { ...base, jobId: "id", status: { field: "s", table: { ok: "done" as never } } },
      /status\.table\["ok"\]/,
    ],
    [
      { ...base, jobId: "id", status: { field: "s", table: {}, otherwise: "x" as never } },
      /status\.otherwise/,
    ],
  ])("%#", (definition, message) => {
    expect(() => defineProvider(definition as never)).toThrow(message);
  });

  const scheme = { header: "X-Sig", algorithm: "sha256", encoding: "hex" } as const;
  const signing =
    (signature: object, extra: object = {}) =>
    () =>
      defineProvider({
        ...base,
        jobId: "id",
        status: { field: "s", table: {} },
        signature: hmacSignature({ ...scheme, ...signature } as never),
        ...extra,
      });

  it.each([
    [{ header: "bad header" }, /is not a header name/],
    [{ header: [] }, /name the signature header/],
    [{ algorithm: "md5" }, /algorithm/],
    [{ signed: "{nonce}.{body}" }, /\{nonce\} is not/],
    [{ signed: "{timestamp}.{body}" }, /timestamp: declare it exactly when/],
    [{ timestamp: { header: "X-T" } }, /timestamp: declare it exactly when/],
    [
      { signed: "{timestamp}.{body}", timestamp: { header: "X-T", entry: "t=" } },
      /either its header or its entry/,
    ],
    [{ signed: "{timestamp}.{body}", timestamp: { entry: "t=" } }, /needs a separator/],
    [{ signed: "{id}.{body}" }, /id: declare it exactly when/],
  ])("scheme %#", (signature, message) => {
    expect(signing(signature)).toThrow(message);
  });

  it("a scheme and a hand-written verifier together, or a scheme not declared with hmacSignature()", () => {
    expect(signing({}, { verifySignature: () => {} })).toThrow(/not both/);
    const plain = { ...base, jobId: "id", status: { field: "s", table: {} }, signature: scheme };
    expect(() => defineProvider(plain as never)).toThrow(/declare the scheme with hmacSignature/);
  });
});
