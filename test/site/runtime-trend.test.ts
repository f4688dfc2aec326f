// Which selector the index names as drifting (src/site/runtime-trend.ts), from runtimes over the
// run history and the selector's guardrails. Pure, in process.
import type { HistoryEntry } from '../../src/evidence/history.js';
import type { Selector } from '../../src/input/model.js';
import { buildRuntimeSeries, describeDrift, pickDrift, type RuntimeSeries } from '../../src/site/runtime-trend.js';

const series = (id: string, durations: number[], runtime?: RuntimeSeries['runtime']): RuntimeSeries => ({
  selectorId: id,
  runs: durations.map((d, i) => ({ time: `2025-10-${String(i + 1).padStart(2, '0')}T08:00:00Z`, durationS: d, met: true, outcome: 'passed' })),
  ...(runtime ? { runtime } : {}),
});

test('a selector slower over its history and past half its max is drifting; one far from it, or steady, is not', () => {
  expect(describeDrift(series('slow', [1, 1.1, 1.2, 1.5, 1.8, 2.1, 2.4], { max: 3 }))).toMatchObject({ lastS: 2.4, limitS: 3, limitName: 'max', share: expect.closeTo(0.8), drifting: true });
  expect(describeDrift(series('far', [1, 1.1, 1.2, 1.5, 1.8, 2.1, 2.4], { max: 30 }))?.drifting).toBe(false);
  expect(describeDrift(series('steady', [2.4, 2.4, 2.4, 2.4, 2.4], { max: 3 }))).toMatchObject({ growth: 1, drifting: false });
  // Too few runs for a trend; without a limit, warn stands for it, and without either half again slower counts.
  expect(describeDrift(series('short', [1, 2.9], { max: 3 }))).toMatchObject({ growth: null, drifting: false });
  expect(describeDrift(series('warned', [1, 1, 2, 2], { warn: 2.5 }))).toMatchObject({ limitName: 'warn', share: 0.8, drifting: true });
  expect(describeDrift(series('unbounded', [1, 1, 1.6, 1.6]))).toMatchObject({ share: null, growth: 1.6, drifting: true });
  expect(describeDrift(series('never', []))).toBeNull();
});

test('the index names the drifting selector closest to its limit, else the closest to its limit, else the one that grew most', () => {
  const drifting = series('drifting', [1, 1, 1.5, 2], { max: 3 });
  const close = series('close', [2.8, 2.8, 2.8, 2.8], { max: 3 });
  const grew = series('grew', [1, 1, 1.3, 1.3]);
  expect(pickDrift([close, drifting, grew])?.selectorId).toBe('drifting');
  expect(pickDrift([grew, close])?.selectorId).toBe('close');
  expect(pickDrift([series('a', [1, 1, 1, 1]), grew])?.selectorId).toBe('grew');
  expect(pickDrift([])).toBeNull();
});

test("each selector's runs come from the history lines that name it, oldest first, with its guardrails", () => {
  const line = (time: string, runs: Array<[string, number]>): HistoryEntry => ({
    version: 1,
    time,
    tool: '0.2.0',
    source: 'run',
    input: null,
    manifest_sha256: 'x',
    commit: null,
    dirty: null,
    selectors: runs.map(([id, d]) => ({ id, outcome: 'passed', expect: 'pass', met: true, duration_s: d, counts: {} })),
  });
  const selectors = [{ id: 'a', runtime: { max: 5 } }, { id: 'b' }] as unknown as Selector[];
  const built = buildRuntimeSeries(selectors, [line('2025-10-01T00:00:00Z', [['a', 1], ['gone', 9]]), line('2025-10-02T00:00:00Z', [['a', 2], ['b', 3]])]);
  expect(built.map((s) => [s.selectorId, s.runs.map((r) => r.durationS), s.runtime ?? null])).toEqual([
    ['a', [1, 2], { max: 5 }],
    ['b', [3], null],
  ]);
});
