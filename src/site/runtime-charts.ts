// The runtime charts of a brief page: the charts a brief shows (src/charts/: a selector with a
// runtime guardrail once it has run, any other after 3 runs; its last 30 runs), drawn by the same
// generator, written under `charts/<brief>/` in the site and shown with <img> (an SVG shown that
// way runs no script, whatever text it holds).
import { CHART_RUNS, renderRuntimeChart } from '../charts/runtime-chart.js';
import { hasRuntimeGuardrail, RUNS_FOR_A_TREND } from '../charts/trend-runs.js';
import type { RuntimeSeries } from './runtime-trend.js';

export interface SiteChart {
  selectorId: string;
  /** File name in the brief's chart folder (`runtime-<selector>.svg`). */
  fileName: string;
  svg: string;
  alt: string;
}

/** The charts of one brief's series, in the series' order. */
export function renderRuntimeCharts(series: readonly RuntimeSeries[]): SiteChart[] {
  return series
    .filter((s) => s.runs.length >= (hasRuntimeGuardrail(s) ? 1 : RUNS_FOR_A_TREND))
    .map((s) => {
      const chart = renderRuntimeChart({ selectorId: s.selectorId, runs: s.runs.slice(-CHART_RUNS), ...(s.runtime ? { runtime: { ...s.runtime } } : {}) });
      return { selectorId: s.selectorId, fileName: chart.fileName, svg: chart.svg, alt: chart.alt };
    });
}
