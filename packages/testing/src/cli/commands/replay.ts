import { randomUUID } from "node:crypto";
import { Command } from "commander";
import type { DeliveryFlags } from "../delivery";
import { ExitCode } from "../exit-codes";
import { sendRequest } from "../http-send";
import { positive, seconds } from "../options";
import { errorCode, humanDuration, statusColour } from "../print";
import { type RetrySchedule, scheduleFor } from "../retry-schedules";
import { type Palette, println } from "../terminal";
import { type CommandContext, deliveryOptions, loadDelivery } from "./send";

type ReplayFlags = DeliveryFlags & { speed: number; attempts?: string; interval?: string; timeout?: string };

interface Attempt {
  n: number;
  /** HTTP status, or undefined when nothing came back. */
  status?: number;
  detail: string;
}

/**
 * `scribehook replay <provider> --to <url>`: plays the provider's retry schedule, time-compressed by
 * `--speed`, until the endpoint acknowledges, the provider would give up on a 4xx, or the schedule ends.
 *
 * @example
 * ```ts
 * program.addCommand(replayCommand(ctx));
 * ```
 */
export function replayCommand(ctx: CommandContext): Command {
  return deliveryOptions(
    new Command("replay")
      .description(
        "play the provider's documented retry schedule against an endpoint (same delivery each time), time-compressed",
      )
      .argument("<provider>", "provider id, e.g. assemblyai, scriptix, revai, deepgram"),
  )
    .option(
      "--speed <factor>",
      "time compression: 60 plays a minute in a second",
      (v) => positive(v, "--speed"),
      60,
    )
    .option("--attempts <n>", "override the number of attempts")
    .option("--interval <duration>", "override the wait between attempts (30s, 2m, …)")
    .addHelpText(
      "after",
      "\nStops at the first 2xx (Verbit also needs the body OK), or at a 4xx for providers that never retry one" +
        " (AssemblyAI, ElevenLabs). The schedules and their sources are listed in the @scribehook/testing README." +
        "\nExit codes: 0 acknowledged, 1 not acknowledged, 2 bad arguments, 3 unreachable on the last attempt." +
        '\n\nExample:\n  scribehook replay scriptix --to http://localhost:3000 --header "X-Api-Key: $KEY" --speed 600\n',
    )
    .action(async (provider: string, flags: ReplayFlags) => {
      const c = ctx.colours();
      const { buildDelivery, deliveryUrl, targetUrl } = await loadDelivery();
      const attempts =
        flags.attempts === undefined ? undefined : Math.floor(positive(flags.attempts, "--attempts"));
      const interval = flags.interval === undefined ? undefined : seconds(flags.interval, "--interval");
      const schedule = scheduleFor(provider, { attempts, interval });
      const jobId = flags.jobId ?? `replay-${randomUUID()}`;
      const to = targetUrl(flags.to, provider);
      buildDelivery(provider, flags, jobId); // refuse bad arguments before printing anything
      const timeoutMs =
        1000 * (flags.timeout ? seconds(flags.timeout, "--timeout") : (schedule.timeoutSeconds ?? 30));
      const total = schedule.delays.length + 1;
      const span = schedule.delays.reduce((a, b) => a + b, 0);
      const out = ctx.io.stdout;
      const live = out.isTTY === true;

      println(
        out,
        `${c.bold(`Replaying ${provider}`)} → ${to}: ${total} attempt${total === 1 ? "" : "s"} over ${humanDuration(span)}` +
          ` of provider time, at ${flags.speed}× (${humanDuration(span / flags.speed)} here); job ${jobId}`,
      );
      println(out, c.dim(`  source: ${schedule.source}`));
      if (schedule.assumption) println(out, c.yellow(`  unconfirmed: ${schedule.assumption}`));

      const started = performance.now();
      const results: Attempt[] = [];
      let outcome: "acknowledged" | "stopped" | "exhausted" | "interrupted" = "exhausted";
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.once("SIGINT", onSigint);
      try {
        for (let n = 1; n <= total; n++) {
          if (live) out.write(`\r\u001b[2K${c.cyan(`attempt ${n}/${total}…`)}`);
          // Re-signed each time (same job, same body) so timestamped signatures are fresh, as a provider's retry is.
          const delivery = buildDelivery(provider, flags, jobId);
          const res = await sendRequest({ ...delivery, url: deliveryUrl(delivery, to) }, timeoutMs);
          const attempt = describeAttempt(n, res, schedule);
          results.push(attempt);
          if (live) out.write("\r\u001b[2K");
          println(out, formatAttempt(attempt, total, c));
          if (
            attempt.status !== undefined &&
            acknowledged(attempt.status, res.ok ? res.body : "", schedule)
          ) {
            outcome = "acknowledged";
            break;
          }
          if (
            attempt.status !== undefined &&
            attempt.status >= 400 &&
            attempt.status < 500 &&
            schedule.stopsOn4xx
          ) {
            outcome = "stopped";
            break;
          }
          if (n === total) break;
          const wait = schedule.delays[n - 1]!;
          if (!(await waitFor(wait, flags.speed, n + 1, total, live ? out : undefined, c, abort.signal))) {
            outcome = "interrupted";
            break;
          }
        }
      } finally {
        process.removeListener("SIGINT", onSigint);
      }

      const last = results.at(-1)!;
      const real = (performance.now() - started) / 1000;
      const tried = `${results.length} of ${total} attempt${total === 1 ? "" : "s"}`;
      const summary = {
        acknowledged: c.green(`✓ acknowledged on attempt ${last.n} (${tried}, ${humanDuration(real)} here)`),
        stopped: c.yellow(
          `✗ ${provider} stops here: a ${last.status} is final for this provider, it will not retry (${tried})`,
        ),
        exhausted: c.red(
          `✗ never acknowledged: ${provider} gives up after ${tried}; the job's result would be lost`,
        ),
        interrupted: c.yellow(`■ interrupted after ${tried}`),
      }[outcome];
      println(out, summary);
      const statuses = results.map((r) => r.status ?? "—").join(" ");
      println(out, c.dim(`  answers: ${statuses}`));
      ctx.setExitCode(
        outcome === "acknowledged"
          ? ExitCode.Ok
          : last.status === undefined && outcome === "exhausted"
            ? ExitCode.Unreachable
            : ExitCode.Refused,
      );
    });
}

function acknowledged(status: number, body: string, schedule: RetrySchedule): boolean {
  if (status < 200 || status >= 300) return false;
  return schedule.requiredBody === undefined || body === schedule.requiredBody;
}

function describeAttempt(
  n: number,
  res: Awaited<ReturnType<typeof sendRequest>>,
  schedule: RetrySchedule,
): Attempt {
  if (!res.ok) return { n, detail: `${res.error}` };
  const code = errorCode(res.body);
  let detail = `${res.status}${code ? ` ${code}` : ""} (${res.ms} ms)`;
  if (
    res.status >= 200 &&
    res.status < 300 &&
    schedule.requiredBody !== undefined &&
    res.body !== schedule.requiredBody
  ) {
    detail += ` — body is not exactly ${JSON.stringify(schedule.requiredBody)}, so the provider retries`;
  }
  return { n, status: res.status, detail };
}

function formatAttempt(a: Attempt, total: number, c: Palette): string {
  const label = `attempt ${String(a.n).padStart(String(total).length)}/${total}`;
  const colour = a.status === undefined ? c.red : statusColour(a.status, c);
  return `  ${label}  ${colour(a.detail)}`;
}

/** Sleeps the compressed wait; on a terminal, a live line counts down. False when interrupted. */
function waitFor(
  providerSeconds: number,
  speed: number,
  next: number,
  total: number,
  live: NodeJS.WritableStream | undefined,
  c: Palette,
  signal: AbortSignal,
): Promise<boolean> {
  const ms = (providerSeconds * 1000) / speed;
  const end = performance.now() + ms;
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const render = () => {
      const left = Math.max(0, end - performance.now()) / 1000;
      live?.write(
        `\r\u001b[2K${c.cyan(`  next: attempt ${next}/${total} in ${humanDuration(left * speed)} of provider time`)}` +
          c.dim(` (${humanDuration(left)} here)`),
      );
    };
    render();
    const ticker = live ? setInterval(render, 200) : undefined;
    const done = (ok: boolean) => {
      clearTimeout(timer);
      if (ticker) clearInterval(ticker);
      live?.write("\r\u001b[2K");
      signal.removeEventListener("abort", onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", onAbort);
  });
}
