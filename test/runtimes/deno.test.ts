import { describeRuntime } from "./describe-runtime";
import { runtimes } from "./runtimes";

describeRuntime(runtimes.deno);
