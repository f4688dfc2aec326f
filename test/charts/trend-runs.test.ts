// Which selectors get a runtime chart and which runs it draws (src/charts/trend-runs.ts), and how
// much of the history the brief reads for them (evidence/brief-history.ts): only the tail, up to
// each selector's last 30 runs, never more than TREND_LINES lines for charts alone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectTrendRuns, TREND_LINES } from '../../src/charts/trend-runs.js';
import { CHART_RUNS } from '../../src/charts/runtime-chart.js';
import { loadBriefHistory } from '../../src/evidence/brief-history.js';
import { formatHistoryLine, type HistoryEntry } from '../../src/evidence/history.js';
import type { HandoffInput, Selector } from '../../src/input/model.js';
import { makeTempDir } from '../helpers/cli.js';

type Run = { id: string; duration: number; met?: boolean };

function entry(day: number, selectorRuns: readonly Run[]): HistoryEntry {
  return {
    version: 1,
    time: new Date(Date.UTC(2025, 0, 1 + day)).toISOString().replace('.000Z', 'Z'),
    tool: '0.2.0',
    source: 'run',
    input: null,
    manifest_sha256: `m-${day}`,
    commit: null,
    dirty: null,
    selectors: selectorRuns.map((r) => ({ id: r.id, outcome: r.met === false ? 'failed' : 'passed', expect: 'pass', met: r.met !== false, duration_s: r.duration, counts: { passed: 1 } })),
  };
}

const records = (newestFirst: HistoryEntry[]) => newestFirst.map((e) => ({ entry: e, text: formatHistoryLine(e) }));
const selector = (id: string, runtime?: Selector['runtime']) => ({ id, ...(runtime ? { runtime } : {}) });

test('a selector with a guardrail gets a chart from its first run; one without, from its third', () => {
  const history = records([
    entry(3, [{ id: 'guarded', duration: 40 }, { id: 'plain', duration: 2 }, { id: 'twice', duration: 1 }]),
    entry(2, [{ id: 'plain', duration: 3 }, { id: 'twice', duration: 1 }]),
    entry(1, [{ id: 'plain', duration: 4, met: false }]),
  ]);
  const picked = collectTrendRuns([selector('guarded', { max: 90 }), selector('plain'), selector('twice'), selector('never', { warn: 60 }), selector('tolerance-only', { tolerance: 3 })], history);
  expect(picked.charts.map((c) => c.selectorId)).toEqual(['guarded', 'plain']);
  expect(picked.charts[1]).toEqual({
    selectorId: 'plain',
    runs: [
      { time: '2025-01-02T00:00:00Z', durationS: 4, met: false, outcome: 'failed' },
      { time: '2025-01-03T00:00:00Z', durationS: 3, met: true, outcome: 'passed' },
      { time: '2025-01-04T00:00:00Z', durationS: 2, met: true, outcome: 'passed' },
    ],
  });
  expect(picked.charts[0]!.runtime).toEqual({ max: 90 });
  // The lines the charts drew from; `twice` has no chart, so line 2 counts only through `plain`.
  expect(picked.used).toEqual(history);
});

test(`a chart draws the selector's last ${CHART_RUNS} runs, oldest first, and uses only those lines`, () => {
  const newestFirst = records(Array.from({ length: 40 }, (_, i) => entry(40 - i, [{ id: 'a', duration: 40 - i }])));
  const picked = collectTrendRuns([selector('a')], newestFirst);
  expect(picked.charts[0]!.runs.map((r) => r.durationS)).toEqual(Array.from({ length: 30 }, (_, i) => 11 + i));
  expect(picked.used).toEqual(newestFirst.slice(0, 30));
});

describe('reading the history for charts', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir('handoff-trend-runs-');
  });
  afterEach(() => tmp.cleanup());

  const input = (ids: string[]) => ({ brief: { id: 'b' }, selectors: ids.map((id) => ({ id })) }) as unknown as HandoffInput;
  const trend = { runs: CHART_RUNS, lines: TREND_LINES };

  test(`a 2,000-line history whose first line is damaged: read back to each selector's ${CHART_RUNS}th run, no further`, async () => {
    const lines = ['garbage that a whole read would report'];
    for (let day = 1; day < 2000; day++) lines.push(formatHistoryLine(entry(day, [{ id: 'a', duration: 1 }, ...(day % 2 === 0 ? [{ id: 'b', duration: 2 }] : [])])));
    writeFileSync(join(tmp.dir, 'b.history.jsonl'), `${lines.join('\n')}\n`);
    const history = await loadBriefHistory({ outDir: tmp.dir, input: input(['a', 'b']), display: (p) => p, trend });
    // `b` runs every other day: its 30th run is 60 lines back.
    expect(history.records).toHaveLength(60);
    expect(collectTrendRuns([selector('a'), selector('b')], history.records).charts.map((c) => c.runs.length)).toEqual([30, 30]);
    // Without charts the brief reads what it read before: back to a run of each (the newest has no `b`).
    const plain = await loadBriefHistory({ outDir: tmp.dir, input: input(['a', 'b']), display: (p) => p });
    expect(plain.records).toHaveLength(2);
  });

  test(`a selector new to the history (one run, the newest) stops the reading for its chart at ${TREND_LINES} lines, not at the file's start`, async () => {
    const lines: string[] = [];
    for (let day = 1; day < 5000; day++) lines.push(formatHistoryLine(entry(day, [{ id: 'a', duration: 1 }])));
    lines.push(formatHistoryLine(entry(5000, [{ id: 'a', duration: 1 }, { id: 'new', duration: 1 }])));
    writeFileSync(join(tmp.dir, 'b.history.jsonl'), `${lines.join('\n')}\n`);
    const history = await loadBriefHistory({ outDir: tmp.dir, input: input(['a', 'new']), display: (p) => p, trend });
    expect(history.records).toHaveLength(TREND_LINES);
  });
});
