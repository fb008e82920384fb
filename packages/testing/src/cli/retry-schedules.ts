/**
 * How each provider retries a callback that was not acknowledged, as far as its public documentation
 * says (each entry cites the page; `source` sums it up). Where a number is not documented it is
 * marked `confirmed: false`, the value used is an assumption, and
 * `scribehook replay` prints that before it starts. `--attempts` and `--interval` override any of it.
 */
export interface RetrySchedule {
  /** Seconds waited after each failed attempt before the next one; its length is attempts − 1. */
  delays: readonly number[];
  /** True when a 4xx answer ends the retries (the provider treats it as final). */
  stopsOn4xx: boolean;
  /** How long the provider waits for an answer before counting the attempt as failed, in seconds. */
  timeoutSeconds?: number;
  /** A body the provider needs on top of a 2xx to count the delivery as acknowledged. */
  requiredBody?: string;
  /** False when the attempts or the interval are not documented and `delays` is an assumption. */
  confirmed: boolean;
  /** What the documentation says, in short. */
  source: string;
  /** What scribehook assumed, when something is not documented. */
  assumption?: string;
}

const every = (seconds: number, times: number): number[] => Array.from({ length: times }, () => seconds);

/**
 * Retry schedules by provider id. A provider missing here has no documented retries: it calls once.
 *
 * @example
 * ```ts
 * retrySchedules.scriptix?.delays; // [60, 120, 300, 900, 1800]
 * ```
 */
export const retrySchedules: Readonly<Record<string, RetrySchedule>> = {
  // https://www.assemblyai.com/docs/deployment/webhooks-for-pre-recorded-audio
  assemblyai: {
    delays: every(30, 9),
    stopsOn4xx: true,
    timeoutSeconds: 10,
    confirmed: false,
    source: "must answer 2xx within 10 s, else retried, 10 attempts in all; a 4xx is final (never retried)",
    assumption: "the interval between attempts is not documented: 30 s is assumed (use --interval)",
  },
  // Scriptix's public API documentation, section on webhooks (callbacks)
  scriptix: {
    delays: [60, 120, 300, 900, 1800],
    stopsOn4xx: false,
    timeoutSeconds: 20,
    confirmed: true,
    source: "2xx within 20 s; retries after +1, +2, +5, +15, +30 minutes, then abandoned",
    assumption:
      "each wait is taken as counted from the previous attempt (the docs do not say whether the offsets add up)",
  },
  // Rev AI's asynchronous API documentation on docs.rev.ai, section on webhooks
  revai: {
    delays: every(30 * 60, 48),
    stopsOn4xx: false,
    confirmed: true,
    source: "retried every 30 min for 24 h (48 retries after the first call)",
  },
  // https://developers.deepgram.com/docs/callback
  deepgram: {
    delays: every(30, 10),
    stopsOn4xx: false,
    confirmed: true,
    source: "up to 10 retries, 30 s apart",
  },
  // https://elevenlabs.io/docs/eleven-api/resources/webhooks
  elevenlabs: {
    delays: [],
    stopsOn4xx: true,
    confirmed: false,
    source: "a 4xx is not retried",
    assumption:
      "other failures are retried on a schedule that is not documented: one attempt (use --attempts/--interval)",
  },
  // Verbit's public API documentation, section on job callbacks
  verbit: {
    delays: every(60 * 60, 48),
    stopsOn4xx: false,
    requiredBody: "OK",
    confirmed: false,
    source: "the answer body must be exactly OK, or Verbit retries for 48 h",
    assumption: "the interval is not documented: hourly is assumed over the 48 h (use --interval)",
  },
};

/**
 * The schedule for a provider: its documented one, a single attempt if it documents none, with the
 * `--attempts` / `--interval` overrides applied.
 *
 * @example
 * ```ts
 * scheduleFor("deepgram").delays.length;                        // 10
 * scheduleFor("deepgram", { attempts: 3, interval: 5 }).delays; // [5, 5]
 * ```
 */
export function scheduleFor(
  provider: string,
  override: { attempts?: number; interval?: number } = {},
): RetrySchedule & { documented: boolean } {
  const known = Object.hasOwn(retrySchedules, provider) ? retrySchedules[provider] : undefined;
  const base: RetrySchedule = known ?? {
    delays: [],
    stopsOn4xx: false,
    confirmed: false,
    source: "no retry schedule is documented",
    assumption: "one attempt",
  };
  let delays = [...base.delays];
  if (override.interval !== undefined) delays = delays.map(() => override.interval!);
  if (override.attempts !== undefined) {
    const fallback = override.interval ?? delays.at(-1) ?? 30;
    delays = Array.from({ length: Math.max(0, override.attempts - 1) }, (_, i) => delays[i] ?? fallback);
  }
  return { ...base, delays, documented: known !== undefined };
}
