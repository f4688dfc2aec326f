// Where one brief's files go in an output folder. Every file is named, or put in a folder named,
// by the brief's id, so briefs that share an output folder (and selector ids such as
// `integration`) never touch each other's logs, JUnit files, manifests or histories.
//
//   <out>/<brief>.md                         the brief (its template may name it otherwise)
//   <out>/<brief>.evidence.json              the evidence manifest (shards: .evidence.shard-K-of-N.json)
//   <out>/<brief>.history.jsonl              one line per run
//   <out>/logs/<brief>/<selector>.log        pytest's output, and <selector>.junit.xml
//   <out>/charts/<brief>/runtime-<sel>.svg   a selector's runtime trend (charts/), linked from the brief
//   <out>/.handoff-run-<brief>-<pid>/        a run's staging folder, the same layout inside
//
// Manifests record log paths relative to their own folder, so a manifest written by 0.2.0
// (`logs/<selector>.log`) still renders, and a published hand-over (one brief per folder) keeps
// the shorter `logs/<selector>.log`.
import { join } from 'node:path';

export function manifestName(briefId: string, shard?: { index: number; count: number }): string {
  return shard ? `${briefId}.evidence.shard-${shard.index}-of-${shard.count}.json` : `${briefId}.evidence.json`;
}

export function manifestPath(outDir: string, briefId: string): string {
  return join(outDir, manifestName(briefId));
}

export function historyPath(outDir: string, briefId: string): string {
  return join(outDir, `${briefId}.history.jsonl`);
}

/** The log and JUnit file of a selector, relative to the output folder (posix, as the manifest records them). */
export function selectorFiles(briefId: string, selectorId: string): { log: string; junit: string } {
  return { log: `logs/${briefId}/${selectorId}.log`, junit: `logs/${briefId}/${selectorId}.junit.xml` };
}

/** The folder of a brief's charts, relative to the output folder (posix). */
export function chartFolder(briefId: string): string {
  return `charts/${briefId}`;
}

/** The same in a published hand-over, which holds one brief only. */
export const HANDOVER_CHART_FOLDER = 'charts';

/** The same, flattened for a folder that holds one brief only (a published hand-over). */
export function handoverSelectorFiles(selectorId: string): { log: string; junit: string } {
  return { log: `logs/${selectorId}.log`, junit: `logs/${selectorId}.junit.xml` };
}
