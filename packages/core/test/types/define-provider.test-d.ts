import { defineProvider, hmacSignature, type Normalised } from "@scribehook/core";
import { expectTypeOf, it } from "vitest";

interface AcmePayload {
  job: string;
  state: string;
}

it("declared data is typed: a status table maps only to the five statuses, a scheme only to known algorithms", () => {
  defineProvider({
    id: "acme",
    name: "Acme",
    methods: ["POST"],
    jobId: "job",
    // @ts-expect-error "done" is not a normalised status
    status: { field: "state", table: { ok: "done" } },
  });
  defineProvider({
    id: "acme",
    name: "Acme",
    methods: ["POST"],
    jobId: "job",
    status: { field: "state", table: { ok: "completed" } },
    // @ts-expect-error md5 is not an HMAC algorithm scribehook verifies
    signature: hmacSignature({ header: "X-Sig", algorithm: "md5", encoding: "hex" }),
  });
});

it("normalise gets the declared reading typed with the payload, and returns the same type", () => {
  defineProvider({
    id: "acme",
    name: "Acme",
    methods: ["POST"],
    jobId: "job",
    status: { field: "state", table: { ok: "completed" } },
    parse: (body) => body as AcmePayload,
    normalise(payload, _ctx, declared) {
      expectTypeOf(payload).toEqualTypeOf<AcmePayload>();
      expectTypeOf(declared).toEqualTypeOf<Normalised<AcmePayload>>();
      return declared;
    },
  });
});
