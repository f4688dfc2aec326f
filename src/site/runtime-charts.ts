// The runtime charts of a brief page: one SVG per selector that has runs in the history, drawn by
// the charts module, written under `charts/<brief>/` in the site and shown with <img> (an SVG
// shown that way runs no script, whatever text it holds).
import type { RuntimeSeries } from './runtime-trend.js';

export interface SiteChart {
  selectorId: string;
  /** File name in the brief's chart folder (`runtime-<selector>.svg`). */
  fileName: string;
  svg: string;
  alt: string;
}

/**
 * The charts of one brief's series. The hook for the runtime charts (src/charts/runtime-chart.ts,
 * built alongside): until they are there, none, and the page shows the figures as a table only.
 */
export function renderRuntimeCharts(series: readonly RuntimeSeries[]): SiteChart[] {
  void series;
  return [];
}
