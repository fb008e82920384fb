import { unauthorized } from "../errors";

/**
 * Options of {@link verifyTimestamp}.
 *
 * @example
 * ```ts
 * verifyTimestamp(ctx.header("x-timestamp"), { toleranceSeconds: 300 } satisfies VerifyTimestampOptions);
 * ```
 */
export interface VerifyTimestampOptions {
  /** Allowed distance from now, in seconds, in both directions. Default 300. */
  toleranceSeconds?: number;
  /** Now, in milliseconds; for tests. */
  now?: number;
}

/**
 * Checks a signed timestamp (Unix seconds, number or string) lies within the window around now, in
 * both directions: an old one is a replay, one far in the future is a forged or mis-clocked sender.
 * "Now" is counted in whole seconds (floored), like the senders' own verifiers.
 * Throws a 401 `WebhookError` (`timestamp_missing`, `timestamp_too_old`, `timestamp_too_new`).
 *
 * @example
 * ```ts
 * verifyTimestamp(header("webhook-timestamp"), { toleranceSeconds: 300 });
 * ```
 */
export function verifyTimestamp(
  timestamp: string | number | undefined,
  options: VerifyTimestampOptions = {},
): number {
  const tolerance = options.toleranceSeconds ?? 300;
  const seconds =
    typeof timestamp === "number"
      ? timestamp
      : /^\s*\d{1,12}\s*$/.test(timestamp ?? "")
        ? Number(timestamp)
        : NaN;
  if (!Number.isFinite(seconds))
    throw unauthorized("timestamp_missing", "The signed timestamp is missing or not a Unix time in seconds");
  // Whole seconds, as the Standard Webhooks libraries and OpenAI's SDK count: at t + 300.5 s they
  // still accept, and so do we.
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (seconds < nowSeconds - tolerance) {
    throw unauthorized(
      "timestamp_too_old",
      `The signed timestamp is more than ${tolerance} s old: a replay, or the sender's clock is wrong`,
    );
  }
  if (seconds > nowSeconds + tolerance) {
    throw unauthorized(
      "timestamp_too_new",
      `The signed timestamp is more than ${tolerance} s in the future: check the sender's clock`,
    );
  }
  return seconds;
}
