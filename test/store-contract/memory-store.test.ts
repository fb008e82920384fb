import { memoryStore } from "@scribehook/core";
import { dedupeStoreContract } from "@scribehook/testing";
import { describe, expect, it } from "vitest";

dedupeStoreContract("memoryStore()", () => memoryStore(), {
  describe,
  it,
  expect,
  // The store's estimate: 200 bytes a key plus its characters.
  bounded: (keys, keyLength) => memoryStore({ maxBytes: keys * (200 + keyLength), warn: () => {} }),
});
