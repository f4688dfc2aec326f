// Each selector's runtimes over the run history, and which selector of a brief is drifting towards
// its guardrail: the index names it, so "which selector keeps getting slower" is seen without
// opening a brief. Pure: history entries in, series and a summary out.
import type { HistoryEntry } from '../evidence/history.js';
import type { RuntimeGuardrails, Selector } from '../input/model.js';

export interface RuntimeRun {
  /** ISO 8601 UTC. */
  time: string;
  durationS: number;
  met: boolean;
  outcome: string;
}

export interface RuntimeSeries {
  selectorId: string;
  /** Oldest first. */
  runs: RuntimeRun[];
  runtime?: RuntimeGuardrails;
}

/** A selector's runs, oldest first, from history entries oldest first. */
export function buildRuntimeSeries(selectors: readonly Selector[], oldestFirst: readonly HistoryEntry[]): RuntimeSeries[] {
  const runs = new Map<string, RuntimeRun[]>(selectors.map((s) => [s.id, []]));
  for (const entry of oldestFirst) {
    for (const s of entry.selectors) runs.get(s.id)?.push({ time: entry.time, durationS: s.duration_s, met: s.met, outcome: s.outcome });
  }
  return selectors.map((s) => ({ selectorId: s.id, runs: runs.get(s.id) ?? [], ...(s.runtime ? { runtime: s.runtime } : {}) }));
}

export interface RuntimeDrift {
  selectorId: string;
  /** The last run's duration, seconds. */
  lastS: number;
  /** The guardrail it is measured against (max, else warn), seconds; null when it has none. */
  limitS: number | null;
  limitName: 'max' | 'warn' | null;
  /** lastS / limitS, or null without a limit. */
  share: number | null;
  /** Mean of the last runs over the mean of the first ones (1.4: 40 % slower), or null with too few runs. */
  growth: number | null;
  /** Slower over the history (10 % or more) and past half its limit (or, without one, 50 % slower). */
  drifting: boolean;
}

/** Runs at each end of the history that are compared (fewer when the history is short). */
const WINDOW = 5;
/** Fewest runs a trend is read from. */
const FEWEST = 4;

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function growthOf(durations: readonly number[]): number | null {
  if (durations.length < FEWEST) return null;
  const n = Math.min(WINDOW, Math.floor(durations.length / 2));
  const first = mean(durations.slice(0, n));
  const last = mean(durations.slice(-n));
  return first > 0 ? last / first : null;
}

export function describeDrift(series: RuntimeSeries): RuntimeDrift | null {
  const last = series.runs.at(-1);
  if (!last) return null;
  const limitName = series.runtime?.max !== undefined ? 'max' : series.runtime?.warn !== undefined ? 'warn' : null;
  const limitS = limitName ? series.runtime![limitName]! : null;
  const share = limitS ? last.durationS / limitS : null;
  const growth = growthOf(series.runs.map((r) => r.durationS));
  const rising = growth !== null && growth >= 1.1;
  const drifting = rising && (share === null ? growth >= 1.5 : share >= 0.5);
  return { selectorId: series.selectorId, lastS: last.durationS, limitS, limitName, share, growth, drifting };
}

/**
 * The selector of a brief to name in the index: the one drifting closest to its limit, else the
 * one closest to its limit, else the one that grew most; null without any run.
 */
export function pickDrift(series: readonly RuntimeSeries[]): RuntimeDrift | null {
  const drifts = series.map(describeDrift).filter((d): d is RuntimeDrift => d !== null);
  if (drifts.length === 0) return null;
  const score = (d: RuntimeDrift): number[] => [d.drifting ? 1 : 0, d.share ?? -1, d.growth ?? 0];
  return drifts.reduce((best, d) => {
    const [a, b] = [score(d), score(best)];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]! ? d : best;
    return best;
  });
}
