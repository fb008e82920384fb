/** Node's timers fire at once past 2^31 - 1 ms (24.8 days): longer deadlines are clamped or re-armed. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
