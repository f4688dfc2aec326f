// Outcomes, `met`, and runtime guardrails (docs/evidence.md): pure functions of what an attempt returned.
import type { Expect, RuntimeGuardrails } from '../input/model.js';
import { formatDuration } from '../text/duration.js';
import type { Counts, Outcome } from './manifest.js';

/** How one pytest attempt ended, as the runner saw it. */
export interface AttemptEnd {
  /** null when the process was ended by a signal. */
  exitCode: number | null;
  timedOut: boolean;
  /** From the summary line or JUnit. */
  counts: Pick<Counts, 'passed' | 'xpassed' | 'xfailed' | 'skipped'>;
  /** A `--collect-only` selector (docs/input-format.md): exit 0 means it collected. */
  collectOnly?: boolean;
}

/** The outcome of a single attempt, before retries are taken into account. */
export function classifyAttempt(end: AttemptEnd): Exclude<Outcome, 'flaky'> {
  if (end.timedOut) return 'timeout';
  const { passed, xpassed, xfailed, skipped } = end.counts;
  switch (end.exitCode) {
    case 0:
      if (end.collectOnly) return 'collected';
      // Skipped only when every test was skipped. An xfail is pytest's "failed as expected", a
      // success, and an xpass is a pass, so a run of nothing but those is `passed`.
      return skipped > 0 && passed + xpassed + xfailed === 0 ? 'skipped' : 'passed';
    case 1:
      return 'failed';
    case 5:
      return 'no-tests';
    default:
      // 2 (interrupted / collection errors), 3 (internal), 4 (usage), or killed by a signal.
      return 'error';
  }
}

/** Earlier attempts that did not pass, then a pass: flaky. Otherwise the last attempt decides. */
export function classifySelector(attempts: ReadonlyArray<Exclude<Outcome, 'flaky'>>): Outcome {
  const last = attempts[attempts.length - 1];
  if (last === undefined) return 'error';
  if (last === 'passed' && attempts.length > 1) return 'flaky';
  return last;
}

/** The outcome each expect is met by. */
const MEETS: Record<Expect, Outcome> = { pass: 'passed', fail: 'failed', skip: 'skipped', collect: 'collected' };

/** Whether an outcome meets the expect; a collection must also reach `collected.min`. */
export function isMet(expect: Expect, outcome: Outcome, collectedFinding: string | null = null): boolean {
  return MEETS[expect] === outcome && collectedFinding === null;
}

/** A collection that found fewer tests than `collected.min`: a finding that fails the expect. */
export function checkCollected(counts: Pick<Counts, 'collected'>, min: number | undefined): string | null {
  if (min === undefined || counts.collected === undefined || counts.collected >= min) return null;
  return `collected ${counts.collected}, fewer than the minimum ${min}`;
}

/** Whether another attempt is due after this one, per `retry_on`. */
export function shouldRetry(outcome: Exclude<Outcome, 'flaky'>, retryOn: readonly string[]): boolean {
  return (outcome === 'timeout' && retryOn.includes('timeout')) || (outcome === 'failed' && retryOn.includes('failure'));
}

/**
 * Guardrail findings for a measured duration. Tolerance defaults to 10% of `expected` when
 * only `expected` is given (an exact match is never measured).
 */
export function checkRuntime(durationS: number, g: RuntimeGuardrails | undefined): string[] {
  if (!g) return [];
  const findings: string[] = [];
  if (g.max !== undefined && durationS > g.max) findings.push(`above max (${formatDuration(g.max)})`);
  else if (g.warn !== undefined && durationS > g.warn) findings.push(`above warn (${formatDuration(g.warn)})`);
  if (g.min !== undefined && durationS < g.min) findings.push(`below min (${formatDuration(g.min)})`);
  if (g.expected !== undefined) {
    const tolerance = g.tolerance ?? g.expected * 0.1;
    if (Math.abs(durationS - g.expected) > tolerance) {
      findings.push(`outside expected ${formatDuration(g.expected)} ± ${formatDuration(tolerance)}`);
    }
  }
  return findings;
}
