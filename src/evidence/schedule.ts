// Runs selectors up to `jobs` at once, retrying per `retry_on`. The attempt runner is passed in,
// so tests can drive timing and retry paths with a fake that a real pytest cannot reach
// deterministically (a timeout followed by a pass, an abort mid-run).
import { Interrupted } from '../errors.js';
import type { RetryOn } from '../input/model.js';
import type { Outcome } from './manifest.js';
import { classifySelector, shouldRetry } from './classify.js';

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
  /** Every attempt in order; the last one's results are the selector's evidence. */
  attempts: R[];
}

/** Results in the order of `selectors`. Throws Interrupted once every running attempt has ended. */
export async function runSchedule<R extends AttemptReport>(
  selectors: readonly ScheduledSelector[],
  options: ScheduleOptions<R>,
): Promise<Array<SelectorRun<R>>> {
  const now = options.now ?? Date.now;
  const results: Array<SelectorRun<R> | undefined> = new Array(selectors.length);
  let next = 0;
  let interrupted = false;

  async function runOne(index: number): Promise<void> {
    const selector = selectors[index];
    if (!selector) return;
    const attempts: R[] = [];
    for (let attempt = 1; ; attempt++) {
      if (options.signal?.aborted) {
        interrupted = true;
        return;
      }
      options.onEvent?.({ kind: 'start', id: selector.id, attempt, at: now() });
      const report = await options.runAttempt(selector, attempt);
      attempts.push(report);
      if (report.interrupted) {
        interrupted = true;
        return;
      }
      const willRetry = attempt <= selector.retries && shouldRetry(report.outcome, selector.retryOn);
      options.onEvent?.({ kind: 'finish', id: selector.id, attempt, outcome: report.outcome, durationS: report.durationS, willRetry });
      if (!willRetry) break;
    }
    results[index] = { id: selector.id, outcome: classifySelector(attempts.map((a) => a.outcome)), attempts };
  }

  async function worker(): Promise<void> {
    while (next < selectors.length && !options.signal?.aborted) {
      const index = next++;
      await runOne(index);
    }
  }

  const workers = Math.max(1, Math.min(options.jobs, selectors.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (interrupted || options.signal?.aborted) throw new Interrupted();
  return results.map((r, i) => r ?? { id: selectors[i]?.id ?? '', outcome: 'error', attempts: [] });
}
