import { memoryStore } from "@scribehook/core";
import { describeStoreContract } from "./store-contract";

describeStoreContract("memoryStore()", { create: () => memoryStore() });
