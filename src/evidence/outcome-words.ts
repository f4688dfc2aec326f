// Outcomes and expects as a reader says them, in the brief, the progress lines and the job
// summary alike: "failed, as expected", "timed out (expected to pass)". No "met its expect".
import type { Expect } from '../input/model.js';
import type { Outcome } from './manifest.js';

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
