import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The Standard Webhooks test vector (secret, message id, timestamp, payload, expected signature), read at
 * test time from the tests that the `svix` package ships in `src/webhook.test.ts`. They are the vectors
 * of the spec's own JavaScript library tests (https://github.com/standard-webhooks/standard-webhooks,
 * `libraries/javascript`): the signed "sign function works" vector, and the bare (non-`whsec_`) secret
 * the libraries verify "with and without" the prefix. The `standardwebhooks` package ships no tests, so
 * svix's copy is the one installed. Read, never copied: if a new svix release changes the file so the
 * values cannot be found, the suite fails here and says so.
 */
export interface SpecVector {
  /** `whsec_<base64>`. */
  secret: string;
  /** The same key without `whsec_`: the libraries read both the same. */
  bareSecret: string;
  msgId: string;
  /** Unix seconds. */
  timestamp: number;
  payload: string;
  /** `v1,<base64>`. */
  signature: string;
}

export function specVector(): SpecVector {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve("svix/package.json")), "src", "webhook.test.ts");
  const text = readFileSync(file, "utf8");
  const pick = (re: RegExp, what: string, within = text) => {
    const m = re.exec(within);
    if (!m?.[1]) throw new Error(`svix's shipped webhook.test.ts no longer has the spec vector's ${what}`);
    return m[1];
  };
  // The signed vector is the "sign function works" test; the bare secret is the file's default one.
  const signTest = text.slice(text.indexOf("sign function works"));
  return {
    secret: pick(/const key = "(whsec_[^"]+)"/, "secret", signTest),
    bareSecret: pick(/const defaultSecret = "([^"]+)"/, "bare secret"),
    msgId: pick(/const msgId = "([^"]+)"/, "message id", signTest),
    timestamp: Number(pick(/new Date\((\d+) \* 1000\)/, "timestamp", signTest)),
    payload: pick(/const payload = '([^']+)'/, "payload", signTest),
    signature: pick(/const expected = "(v1,[^"]+)"/, "expected signature", signTest),
  };
}
