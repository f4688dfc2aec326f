// "Changes since": two runs compared (pure).
import type { RunSnapshot } from '../../src/evidence/brief-history.js';
import { compareRuns, runtimeTolerance } from '../../src/render/changes.js';
import type { Counts, Outcome } from '../../src/evidence/manifest.js';
import type { Selector } from '../../src/input/model.js';

const counts = (over: Partial<Counts>): Counts => ({ passed: 0, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0, ...over });
const sel = (id: string, outcome: Outcome, met: boolean, duration_s: number, c: Partial<Counts>) => ({ id, outcome, met, duration_s, counts: counts(c) });
const input = (ids: string[], runtime: Record<string, Selector['runtime']> = {}): Selector[] =>
  ids.map((id) => ({ id, run: `pytest ${id}.py`, purpose: id, markers: [], expect: 'pass', pytestArgs: [], files: [], collectOnly: false, runtime: runtime[id] }) as unknown as Selector);

test('newly failing and passing, counts that changed, new, not run, removed, slower beyond tolerance', () => {
  const before: RunSnapshot = {
    time: '2025-10-19T20:58:32.123Z',
    selectors: [
      sel('parity', 'passed', true, 10, { passed: 6 }),
      sel('flaky', 'failed', false, 3, { passed: 1, failed: 1 }),
      sel('slow', 'passed', true, 30, { passed: 2 }),
      sel('skipped-now', 'passed', true, 1, { passed: 1 }),
      sel('gone', 'passed', true, 1, { passed: 1 }),
      sel('dropped', 'passed', true, 1, { passed: 1 }),
    ],
  };
  const after: RunSnapshot = {
    time: '2025-10-20T20:58:32Z',
    selectors: [
      sel('parity', 'failed', false, 10.5, { passed: 5, failed: 1 }),
      sel('flaky', 'passed', true, 3, { passed: 2 }),
      sel('slow', 'passed', true, 40, { passed: 2 }),
      sel('skipped-now', 'error', false, 1, { errors: 1 }),
      sel('brand-new', 'passed', true, 1, { passed: 7 }),
    ],
  };
  const view = compareRuns(before, after, { selectors: input(['parity', 'flaky', 'slow', 'skipped-now', 'brand-new', 'dropped']), against: 'the previous run' });
  expect(view.since).toBe('2025-10-19T20:58:32Z');
  expect(view.nothing).toBe(false);
  expect(view.lines).toEqual([
    '**Newly failing:** `parity` (passed → failed), `skipped-now` (passed → error)',
    '**Newly passing:** `flaky` (failed → passed)',
    '**Counts:** `parity` 6 → 5 passed, 0 → 1 failed; `flaky` 1 → 2 passed, 1 → 0 failed; `skipped-now` 1 → 0 passed, 0 → 1 errors',
    '**Slower beyond tolerance:** `slow` 30s → 40s (tolerance 5s)',
    '**New:** `brand-new` (not in the run compared with)',
    '**Not run this time:** `dropped`',
    '**No longer in the input:** `gone`',
  ]);
});

test('nothing changed: said in one line; a runtime within its tolerance is no change', () => {
  const run = (d: number): RunSnapshot => ({ time: '2025-10-19T00:00:00Z', selectors: [sel('a', 'passed', true, d, { passed: 6 })] });
  const view = compareRuns(run(10), run(14.9), { selectors: input(['a']), against: 'the previous run' });
  expect(view).toEqual({ since: '2025-10-19T00:00:00Z', against: 'the previous run', nothing: true, lines: [] });
});

test('the tolerance: runtime.tolerance, else 10% of runtime.expected, else 10% of the previous duration but at least 5 s', () => {
  const [a, b, c] = input(['a', 'b', 'c'], { a: { tolerance: 2, expected: 100 }, b: { expected: 100 } });
  expect(runtimeTolerance(a, 10)).toBe(2);
  expect(runtimeTolerance(b, 10)).toBe(10);
  expect(runtimeTolerance(c, 10)).toBe(5);
  expect(runtimeTolerance(c, 300)).toBe(30);
  const view = compareRuns(
    { time: 't', selectors: [sel('a', 'passed', true, 10, {}), sel('c', 'passed', true, 300, {})] },
    { time: 't', selectors: [sel('a', 'passed', true, 12.5, {}), sel('c', 'passed', true, 329, {})] },
    { selectors: [a!, c!], against: 'x' },
  );
  expect(view.lines).toEqual(['**Slower beyond tolerance:** `a` 10s → 12.5s (tolerance 2s)']);
});

test('an outcome that changed without changing met is listed as such', () => {
  const view = compareRuns(
    { time: 't', selectors: [sel('a', 'failed', false, 1, { failed: 1 })] },
    { time: 't', selectors: [sel('a', 'timeout', false, 1, { failed: 1 })] },
    { selectors: input(['a']), against: 'x' },
  );
  expect(view.lines).toEqual(['**Outcome changed:** `a` (failed → timeout)']);
});
