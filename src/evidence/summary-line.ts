// pytest's closing summary line ("== 5 passed, 2 deselected in 0.56s ==", or without the
// rules under -q). It is the only place `deselected` appears, and it is what a reader compares
// the evidence against, so its counts win over the JUnit file's whenever it is present.
import type { Counts } from './manifest.js';

const WORDS: Record<string, keyof Counts> = {
  passed: 'passed',
  failed: 'failed',
  error: 'errors',
  errors: 'errors',
  skipped: 'skipped',
  xfailed: 'xfailed',
  xpassed: 'xpassed',
  deselected: 'deselected',
};

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export function emptyCounts(): Counts {
  return { passed: 0, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0 };
}

/** Counts from one summary line, or null if the line is not a summary line. */
export function parseSummaryLine(line: string): Counts | null {
  const text = line.replace(ANSI, '').trim().replace(/^=+\s*/, '').replace(/\s*=+$/, '');
  const m = /^(.*?)\s+in\s+[\d.]+s(?:\s+\([^)]*\))?$/.exec(text);
  if (!m) return null;
  const body = m[1] ?? '';
  const counts = emptyCounts();
  let recognised = 0;
  for (const part of body.split(', ')) {
    if (part === 'no tests ran' || part === 'no tests collected') {
      recognised++;
      continue;
    }
    // --collect-only: `66 tests collected`, or `5/7 tests collected (2 deselected)`.
    const collected = /^(?:(\d+)\/)?(\d+) tests? collected(?: \((\d+) deselected\))?$/.exec(part);
    if (collected) {
      counts.collected = Number(collected[1] ?? collected[2]);
      if (collected[3] !== undefined) counts.deselected += Number(collected[3]);
      recognised++;
      continue;
    }
    const pm = /^(\d+) (\w+(?: \w+)?)$/.exec(part);
    if (!pm) return null;
    const word = pm[2] ?? '';
    const key = WORDS[word];
    if (key) {
      counts[key] += Number(pm[1]);
      recognised++;
    } else if (!/^(warnings?|rerun|subtests (passed|failed|skipped|xfailed|xpassed))$/.test(word)) {
      // An unknown word means this is not pytest's summary line (or a plugin we cannot read).
      return null;
    }
  }
  return recognised > 0 ? counts : null;
}

/** The last summary line in a chunk of pytest output (the tail of a log). */
export function findSummary(output: string): Counts | null {
  const lines = output.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const counts = parseSummaryLine(lines[i] ?? '');
    if (counts) return counts;
  }
  return null;
}

const VERBOSE_RESULT = /::\S*(?:\[[^\]]*\])?\s+(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\b/;
const PROGRESS_LINE = /^(?:\S+\.py\s+)?([.FEsxX]+)\s*(?:\[\s*\d+%\])?\s*$/;
const PROGRESS_CHAR: Record<string, keyof Counts> = { '.': 'passed', F: 'failed', E: 'errors', s: 'skipped', x: 'xfailed', X: 'xpassed' };
const VERBOSE_WORD: Record<string, keyof Counts> = { PASSED: 'passed', FAILED: 'failed', ERROR: 'errors', SKIPPED: 'skipped', XFAIL: 'xfailed', XPASS: 'xpassed' };

/**
 * Counts from pytest's progress output, for a run killed before its summary line (a timeout):
 * `path::test PASSED` lines under -v, or the `..F.s [ 50%]` progress lines otherwise. Call with
 * each line of the log in order; `result()` gives what was counted.
 */
export function createProgressCounter(): { line(text: string): void; result(): Counts } {
  const counts = emptyCounts();
  return {
    line(text) {
      const clean = text.replace(ANSI, '').trimEnd();
      const verbose = VERBOSE_RESULT.exec(clean);
      if (verbose) {
        counts[VERBOSE_WORD[verbose[1]!]!]++;
        return;
      }
      const progress = PROGRESS_LINE.exec(clean);
      if (progress) for (const c of progress[1]!) counts[PROGRESS_CHAR[c]!]++;
    },
    result: () => ({ ...counts }),
  };
}
