// Which selectors of a brief get a runtime chart, and the runs it draws, from the run history the
// brief reads (evidence/brief-history.ts): a selector with a `runtime` guardrail once it has run,
// any other once it has run 3 times; its last 30 runs, oldest first. Pure: the history lines
// come in, newest first, as the history reader hands them over.
import type { HistoryEntry } from '../evidence/history.js';
import type { Selector } from '../input/model.js';
import { CHART_RUNS, type RuntimeChartInput } from './runtime-chart.js';

/** Runs a selector without a guardrail needs before it gets a chart: fewer make no trend. */
export const RUNS_FOR_A_TREND = 3;

/**
 * History lines read back at most for the charts (the brief reads further when it needs to for
 * anything else). A selector run with every other reaches its 30 runs in 30 lines; one run less
 * often shows its runs among the brief's last 100, and one that never ran costs 100 lines, not
 * the whole file (bench/charts.bench.mjs measures that worst case).
 */
export const TREND_LINES = 100;

/** A guardrail the chart can draw: a limit, or an expected runtime (its band). */
export function hasRuntimeGuardrail(selector: Pick<Selector, 'runtime'>): boolean {
  const g = selector.runtime;
  return g !== undefined && (g.max !== undefined || g.warn !== undefined || g.min !== undefined || g.expected !== undefined);
}

export interface TrendRuns<R> {
  /** One per charted selector, in the input's order. */
  charts: RuntimeChartInput[];
  /** The history lines the charts drew from, in the order given (hashed into the brief's provenance). */
  used: R[];
}

export function collectTrendRuns<R extends { entry: HistoryEntry }>(selectors: readonly Pick<Selector, 'id' | 'runtime'>[], newestFirst: readonly R[]): TrendRuns<R> {
  const used = new Set<R>();
  const charts: RuntimeChartInput[] = [];
  for (const selector of selectors) {
    const runs: RuntimeChartInput['runs'] = [];
    const from: R[] = [];
    for (const record of newestFirst) {
      const s = record.entry.selectors.find((x) => x.id === selector.id);
      if (!s) continue;
      runs.push({ time: record.entry.time, durationS: s.duration_s, met: s.met, outcome: s.outcome });
      from.push(record);
      if (runs.length === CHART_RUNS) break;
    }
    if (runs.length < (hasRuntimeGuardrail(selector) ? 1 : RUNS_FOR_A_TREND)) continue;
    for (const record of from) used.add(record);
    charts.push({ selectorId: selector.id, runs: runs.reverse(), ...(selector.runtime ? { runtime: { ...selector.runtime } } : {}) });
  }
  return { charts, used: newestFirst.filter((r) => used.has(r)) };
}
