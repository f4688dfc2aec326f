// Outcomes and expects as a reader says them, in the brief, the progress lines and the job
// summary alike: "failed, as expected", "timed out (expected to pass)". No "met its expect".
// Also pytest's counts, and a selector's whole evidence in one statement.
import type { Expect } from '../input/model.js';
import { formatDuration } from '../text/duration.js';
import type { Counts, Outcome, SelectorEvidence } from './manifest.js';

/** What a selector was expected to do: `(expected to pass)`. */
export const EXPECTED_WORD: Record<Expect, string> = { pass: 'to pass', fail: 'to fail', skip: 'to be skipped', collect: 'to collect tests' };

const OUTCOME_PHRASE: Record<Outcome, string> = {
  passed: 'passed',
  skipped: 'skipped',
  failed: 'failed',
  error: 'error',
  'no-tests': 'no tests ran',
  timeout: 'timed out',
  flaky: 'flaky',
  collected: 'collected',
};

/** An outcome in words: `failed`, `timed out`, `no tests ran`. */
export function describeOutcome(outcome: Outcome): string {
  return OUTCOME_PHRASE[outcome];
}

/** `failed, as expected`, `passed`, `failed (expected to pass)`, `passed (expected to fail)`. */
export function describeResult(outcome: Outcome, expect: Expect, met: boolean): string {
  const phrase = describeOutcome(outcome);
  if (!met) return `${phrase} (expected ${EXPECTED_WORD[expect]})`;
  return expect === 'fail' || expect === 'skip' ? `${phrase}, as expected` : phrase;
}

const COUNT_ORDER: Array<[keyof Counts, string]> = [
  ['collected', 'collected'],
  ['passed', 'passed'],
  ['failed', 'failed'],
  ['errors', 'errors'],
  ['skipped', 'skipped'],
  ['xfailed', 'xfailed'],
  ['xpassed', 'xpassed'],
  ['deselected', 'deselected'],
];

/** Counts in pytest's own summary order, zeros left out. */
export function formatCounts(counts: Counts): string {
  // As pytest's own summary line: "1 error", "2 errors"; the other words do not change.
  const parts = COUNT_ORDER.filter(([key]) => (counts[key] ?? 0) > 0).map(([key, label]) => `${counts[key]} ${key === 'errors' && counts[key] === 1 ? 'error' : label}`);
  return parts.length > 0 ? parts.join(', ') : 'no tests';
}

/** One statement of what a selector's run showed. */
export function describeEvidence(e: SelectorEvidence): string {
  const took = `in ${formatDuration(e.duration_s)}`;
  const counts = formatCounts(e.counts);
  const retries = e.attempt_results && e.attempt_results.length > 1 ? `; attempts: ${e.attempt_results.map((a) => a.outcome).join(', ')}` : '';
  if (e.outcome === 'timeout') {
    const before = counts === 'no tests' ? 'no test finished before it' : `${counts} before it`;
    const expected = e.met ? '' : ` (expected ${EXPECTED_WORD[e.expect]})`;
    return `${e.met ? '✓' : '✗'} **timed out**${expected} after ${formatDuration(e.duration_s)}; ${before}${retries}`;
  }
  if (e.met) {
    const lead = e.expect === 'fail' ? 'failed, as expected: ' : e.expect === 'skip' ? 'skipped, as expected: ' : '';
    return `✓ ${lead}${counts} ${took}${retries}`;
  }
  return `✗ **${describeOutcome(e.outcome)}** (expected ${EXPECTED_WORD[e.expect]}): ${counts} ${took}${retries}`;
}
