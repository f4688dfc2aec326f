// Pure pieces of the evidence pipeline: summary lines, JUnit node ids, excerpts, outcomes,
// runtime guardrails, argv quoting.
import { checkRuntime, classifyAttempt, classifySelector, isMet } from '../../src/evidence/classify.js';
import { excerptLines } from '../../src/evidence/excerpt.js';
import { countJunit, parseJunit, toNodeId } from '../../src/evidence/junit.js';
import { findSummary, parseSummaryLine } from '../../src/evidence/summary-line.js';
import { pickSelectors } from '../../src/evidence/select-selectors.js';
import { UsageError } from '../../src/errors.js';
import { makeSelector } from './loaded.js';

describe('summary line', () => {
  test.each([
    ['======= 5 passed, 2 deselected in 0.56s =======', { passed: 5, deselected: 2 }],
    ['1 failed, 1 passed in 0.62s', { failed: 1, passed: 1 }],
    ['== 1 passed, 1 xfailed, 1 xpassed, 3 warnings in 0.68s ==', { passed: 1, xfailed: 1, xpassed: 1 }],
    ['=== no tests ran in 0.64s ===', {}],
    ['no tests collected, 1 error in 0.11s', { errors: 1 }],
    // --collect-only selectors (docs/input-format.md).
    ['66 tests collected in 0.12s', { collected: 66 }],
    ['1 test collected in 0.01s', { collected: 1 }],
    ['7/26 tests collected (19 deselected) in 1.09s', { collected: 7, deselected: 19 }],
    ['== no tests collected in 0.01s ==', {}],
    ['=== 2 errors in 1.00s (0:00:01) ===', { errors: 2 }],
    ['=== 3 deselected in 0.55s ===', { deselected: 3 }],
    ['\u001b[32m=== 2 passed in 0.1s ===\u001b[0m', { passed: 2 }],
    ['tests/test_x.py::test_y PASSED   [100%]', null],
    ['== 1 failed, 2 passed, 3 subtests passed, 1 rerun in 0.30s ==', { failed: 1, passed: 2 }],
    ['== 2 warnings in 0.30s ==', null],
    ['took 3 tries in 2s', null],
    ['=== no tests ran, 1 warning in 0.01s ===', {}],
  ])('%s', (line, expected) => {
    const base = { passed: 0, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0 };
    expect(parseSummaryLine(line)).toEqual(expected === null ? null : { ...base, ...expected });
  });

  test('findSummary takes the last summary line of the output', () => {
    expect(findSummary('== 1 failed in 0.1s ==\n===== handoff: attempt 2 =====\n== 1 passed in 0.1s ==\n')?.passed).toBe(1);
    expect(findSummary('no summary here\n')).toBeNull();
  });
});

describe('JUnit', () => {
  test('node ids are rebuilt from xunit1 file + classname + name, including parametrize ids', () => {
    expect(toNodeId({ '@_file': 'tests/torch/test_a.py', '@_classname': 'tests.torch.test_a.TestX', '@_name': 'test_y[a b [c]]' })).toBe(
      'tests/torch/test_a.py::TestX::test_y[a b [c]]',
    );
    expect(toNodeId({ '@_file': 'tests/test_a.py', '@_classname': 'tests.test_a', '@_name': 'test_f' })).toBe('tests/test_a.py::test_f');
    expect(toNodeId({ '@_file': 'tests/test_a.py', '@_classname': '', '@_name': 'tests.test_a' })).toBe('tests/test_a.py');
  });

  test('statuses: failure, error, skip, xfail; counts from JUnit alone', () => {
    const xml = `<?xml version="1.0"?><testsuites><testsuite name="pytest">
      <testcase classname="t" name="a" file="t.py"/>
      <testcase classname="t" name="b" file="t.py"><failure message="AssertionError: x&#10;more">trace &lt;here&gt;</failure></testcase>
      <testcase classname="t" name="c" file="t.py"><error message="fixture broke">tb</error></testcase>
      <testcase classname="t" name="d" file="t.py"><skipped type="pytest.skip" message="no gpu"/></testcase>
      <testcase classname="t" name="e" file="t.py"><skipped type="pytest.xfail" message="known"/></testcase>
    </testsuite></testsuites>`;
    const results = parseJunit(xml);
    expect(results.map((r) => [r.nodeid, r.status, r.message])).toEqual([
      ['t.py::a', 'passed', ''],
      ['t.py::b', 'failed', 'AssertionError: x'],
      ['t.py::c', 'error', 'fixture broke'],
      ['t.py::d', 'skipped', 'no gpu'],
      ['t.py::e', 'xfailed', 'known'],
    ]);
    expect(results[1]?.details).toBe('trace <here>');
    expect(countJunit(results)).toEqual({ passed: 1, failed: 1, errors: 1, skipped: 1, xfailed: 1, xpassed: 0, deselected: 0 });
  });

  test('a document that is not JUnit is rejected', () => {
    expect(() => parseJunit('<html></html>')).toThrow('not a JUnit XML document');
  });
});

describe('excerpts', () => {
  test('a short traceback is kept whole', () => {
    expect(excerptLines('a\nb\nc')).toBe('a\nb\nc');
  });
  test('a long one keeps head and tail with the count of omitted lines', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join('\n');
    const out = excerptLines(text, { head: 3, tail: 2 }).split('\n');
    expect(out).toEqual(['line 1', 'line 2', 'line 3', '… 95 lines omitted …', 'line 99', 'line 100']);
  });
});

describe('outcomes (docs/evidence.md)', () => {
  const c = (n: { passed?: number; xpassed?: number; xfailed?: number; skipped?: number }) => ({ passed: 0, xpassed: 0, xfailed: 0, skipped: 0, ...n });
  test.each([
    [{ exitCode: 0, timedOut: false, counts: c({ passed: 2 }) }, 'passed'],
    [{ exitCode: 0, timedOut: false, counts: c({ skipped: 2 }) }, 'skipped'],
    [{ exitCode: 0, timedOut: false, counts: c({ skipped: 2, xfailed: 1 }) }, 'passed'],
    [{ exitCode: 0, timedOut: false, counts: c({ xfailed: 1 }) }, 'passed'],
    [{ exitCode: 0, timedOut: false, counts: c({ xpassed: 1, skipped: 1 }) }, 'passed'],
    [{ exitCode: 0, timedOut: false, counts: c({}) }, 'passed'],
    [{ exitCode: 1, timedOut: false, counts: c({ passed: 3 }) }, 'failed'],
    [{ exitCode: 2, timedOut: false, counts: c({}) }, 'error'],
    [{ exitCode: 3, timedOut: false, counts: c({}) }, 'error'],
    [{ exitCode: 4, timedOut: false, counts: c({}) }, 'error'],
    [{ exitCode: 5, timedOut: false, counts: c({}) }, 'no-tests'],
    [{ exitCode: null, timedOut: true, counts: c({}) }, 'timeout'],
    [{ exitCode: 0, timedOut: false, counts: c({}), collectOnly: true }, 'collected'],
    [{ exitCode: 5, timedOut: false, counts: c({}), collectOnly: true }, 'no-tests'],
    [{ exitCode: 2, timedOut: false, counts: c({}), collectOnly: true }, 'error'],
  ] as const)('%j → %s', (end, outcome) => {
    expect(classifyAttempt(end)).toBe(outcome);
  });
  test('flaky only when a pass follows a non-pass', () => {
    expect(classifySelector(['failed', 'passed'])).toBe('flaky');
    expect(classifySelector(['passed'])).toBe('passed');
    expect(classifySelector(['failed', 'failed'])).toBe('failed');
  });
  test('expect is met by its own outcome alone', () => {
    expect(isMet('pass', 'passed')).toBe(true);
    expect(isMet('pass', 'flaky')).toBe(false);
    expect(isMet('pass', 'skipped')).toBe(false);
    expect(isMet('fail', 'failed')).toBe(true);
    expect(isMet('fail', 'error')).toBe(false);
    expect(isMet('skip', 'skipped')).toBe(true);
    expect(isMet('collect', 'collected')).toBe(true);
    expect(isMet('collect', 'collected', 'collected 3, fewer than the minimum 66')).toBe(false);
    expect(isMet('pass', 'collected')).toBe(false);
  });
});

test('runtime guardrails', () => {
  const g = { max: 90, warn: 60, expected: 36, tolerance: 5, min: 20 };
  expect(checkRuntime(36, g)).toEqual([]);
  expect(checkRuntime(70, g)).toEqual(['above warn (1m)', 'outside expected 36s ± 5s']);
  expect(checkRuntime(95, g)).toEqual(['above max (90s)', 'outside expected 36s ± 5s']);
  expect(checkRuntime(10, g)).toEqual(['below min (20s)', 'outside expected 36s ± 5s']);
  expect(checkRuntime(11, { expected: 10 })).toEqual([]);
  expect(checkRuntime(12, { expected: 10 })).toEqual(['outside expected 10s ± 1s']);
  expect(checkRuntime(12, undefined)).toEqual([]);
});

test('--only keeps input order and rejects unknown ids, listing the known ones', () => {
  const all = ['a', 'b', 'c'].map((id) => makeSelector({ id, run: 'pytest t.py' }));
  expect(pickSelectors(all, ['c', 'a']).map((s) => s.id)).toEqual(['a', 'c']);
  expect(pickSelectors(all, undefined)).toHaveLength(3);
  expect(() => pickSelectors(all, ['a', 'zz'])).toThrow(new UsageError('--only: no selector "zz" in the input; its selectors are: a, b, c'));
  expect(() => pickSelectors(all, ['bb'])).toThrow('--only: no selector "bb" (did you mean "b"?) in the input');
});
