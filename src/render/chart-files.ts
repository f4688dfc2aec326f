// The runtime charts a brief links, on disk: written beside it (`<out>/charts/<brief id>/`) whenever
// the brief is, each atomically and only when its bytes changed, and the ones it no longer links
// removed from its folder; compared, for `render --check`. `run` and `merge` swap them into place
// with the brief instead (chartChanges, run/finish-run.ts).
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readIfExists, writeFileAtomic } from '../io/atomic-write.js';
import type { FileChange } from '../io/file-transaction.js';
import type { BriefChart } from './pipeline.js';

/** The files of a chart folder that are runtime charts (other files are left alone). */
const CHART_FILE = /^runtime-[^/]*\.svg$/;

export interface ChartState {
  chart: BriefChart;
  state: 'same' | 'stale' | 'missing';
}

interface BriefCharts {
  charts: readonly BriefChart[];
  chartDir: string;
}

/** Each chart against the file on disk. */
export async function compareCharts(brief: BriefCharts): Promise<ChartState[]> {
  return Promise.all(
    brief.charts.map(async (chart) => {
      const onDisk = await readIfExists(chart.path);
      return { chart, state: onDisk === null ? 'missing' : onDisk === chart.svg ? 'same' : 'stale' } as ChartState;
    }),
  );
}

/** Runtime charts in the brief's chart folder that it no longer links (a selector removed, a history moved away). */
async function findUnlinked(brief: BriefCharts): Promise<string[]> {
  const linked = new Set(brief.charts.map((c) => c.path));
  const names = await readdir(brief.chartDir).catch(() => [] as string[]);
  return names.filter((name) => CHART_FILE.test(name)).map((name) => join(brief.chartDir, name)).filter((path) => !linked.has(path)).sort();
}

/** What writing the charts changes, as changes for a file transaction (io/file-transaction.ts). */
export async function chartChanges(brief: BriefCharts): Promise<FileChange[]> {
  const states = await compareCharts(brief);
  return [
    ...states.filter((s) => s.state !== 'same').map((s): FileChange => ({ target: s.chart.path, text: s.chart.svg })),
    ...(await findUnlinked(brief)).map((target): FileChange => ({ target, remove: true })),
  ];
}

/**
 * Writes the charts that changed and removes the unlinked ones; returns how many were written.
 * Called before the brief is written, so a brief on disk never links a chart that is not there.
 */
export async function writeCharts(brief: BriefCharts, display: (path: string) => string): Promise<number> {
  const changes = await chartChanges(brief);
  for (const change of changes) {
    if ('text' in change) await writeFileAtomic(change.target, change.text, { displayName: display(change.target) });
    else await rm(change.target, { force: true });
  }
  return changes.filter((c) => 'text' in c).length;
}
