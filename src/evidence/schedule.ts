// Runs selectors up to `jobs` at once, retrying per `retry_on`. The attempt runner is passed in,
// so tests can drive timing and retry paths with a fake that a real pytest cannot reach
// deterministically (a timeout followed by a pass, an abort mid-run).
import { Interrupted } from '../errors.js';
import type { RetryOn } from '../input/model.js';
import type { Outcome } from './manifest.js';
import { classifySelector, shouldRetry } from './classify.js';
import { mapLimit } from './map-limit.js';

export type AttemptOutcome = Exclude<Outcome, 'flaky'>;

export interface AttemptReport {
  outcome: AttemptOutcome;
  /** The attempt was cut short by the abort signal. */
  interrupted: boolean;
  durationS: number;
}

export interface ScheduledSelector {
  id: string;
  /** Re-runs allowed after the first attempt. */
  retries: number;
  retryOn: readonly RetryOn[];
  /** Seconds the selector is expected to take (runtime.expected, else its last run), if known. */
  expectedS?: number;
}

export type ScheduleEvent =
  | { kind: 'start'; id: string; attempt: number; at: number }
  | { kind: 'finish'; id: string; attempt: number; outcome: AttemptOutcome; durationS: number; willRetry: boolean };

export interface ScheduleOptions<R extends AttemptReport> {
  jobs: number;
  /** `attempt` counts from 1. */
  runAttempt: (selector: ScheduledSelector, attempt: number) => Promise<R>;
  signal?: AbortSignal;
  onEvent?: (event: ScheduleEvent) => void;
  now?: () => number;
}

export interface SelectorRun<R extends AttemptReport> {
  id: string;
  outcome: Outcome;
  /** Every attempt in order (at least one); the last one's results are the selector's evidence. */
  attempts: [R, ...R[]];
}

/** Results in the order of `selectors`. Throws Interrupted once every running attempt has ended. */
export async function runSchedule<R extends AttemptReport>(
  selectors: readonly ScheduledSelector[],
  options: ScheduleOptions<R>,
): Promise<Array<SelectorRun<R>>> {
  const now = options.now ?? Date.now;

  /** undefined: interrupted, before or during an attempt. */
  async function runOne(selector: ScheduledSelector): Promise<SelectorRun<R> | undefined> {
    let attempts: [R, ...R[]] | undefined;
    for (let attempt = 1; ; attempt++) {
      // Also what keeps a selector from starting after an abort: mapLimit still hands out the
      // remaining ones, and each returns here at once.
      if (options.signal?.aborted) return undefined;
      options.onEvent?.({ kind: 'start', id: selector.id, attempt, at: now() });
      const report = await options.runAttempt(selector, attempt);
      attempts = attempts ? [...attempts, report] : [report];
      if (report.interrupted) return undefined;
      const willRetry = attempt <= selector.retries && shouldRetry(report.outcome, selector.retryOn);
      options.onEvent?.({ kind: 'finish', id: selector.id, attempt, outcome: report.outcome, durationS: report.durationS, willRetry });
      if (!willRetry) return { id: selector.id, outcome: classifySelector(attempts.map((a) => a.outcome)), attempts };
    }
  }

  // Longest expected runtime first, so the longest selector never starts last; a selector
  // whose runtime nobody knows goes first of all, as it may be the longest. Ties keep input order.
  const order = selectors.map((_, i) => i).sort((a, b) => (selectors[b]?.expectedS ?? Infinity) - (selectors[a]?.expectedS ?? Infinity) || a - b);
  const started = await mapLimit(order, options.jobs, (i) => runOne(selectors[i] as ScheduledSelector));
  const runs: Array<SelectorRun<R> | undefined> = new Array(selectors.length);
  order.forEach((i, k) => (runs[i] = started[k]));
  if (options.signal?.aborted) throw new Interrupted();
  const done: Array<SelectorRun<R>> = [];
  for (const run of runs) {
    if (!run) throw new Interrupted();
    done.push(run);
  }
  return done;
}
