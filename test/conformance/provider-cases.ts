import type { ConformanceCase } from "./cases";

/** Every launch provider's completed and failed delivery, made by @scribehook/testing. */
export const providerCases: ConformanceCase[] = [];
