// The evidence a hand-over folder holds (docs/publishing.md): each selector's log and JUnit XML, copied flat
// into `logs/` (one brief per hand-over folder), the manifest rewritten so its paths read from the
// folder it now sits in, and the run history beside it. Each with a line for summary.md.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { handoverSelectorFiles, historyPath } from '../evidence/out-layout.js';
import type { LoadedInput } from '../input/model.js';
import type { BriefChart } from '../render/pipeline.js';
import type { PlannedFile } from './planned-file.js';
import type { SummaryArtifact } from './summary-md.js';
import { toPosix } from '../io/posix-path.js';


export interface EvidenceFiles {
  files: PlannedFile[];
  artifacts: SummaryArtifact[];
  /** The manifest as published, which the published brief shows. */
  manifestCopy: { path: string; text: string; manifest: EvidenceManifest };
}

/**
 * @param evidencePath the manifest's path (in --out, or a published hand-over): the logs and the
 *   history are copied from its folder
 * @param show a path as the repo names it
 */
export function planEvidenceFiles(loaded: LoadedInput, manifest: EvidenceManifest, evidencePath: string, artifactDir: string, show: (abs: string) => string): EvidenceFiles {
  const id = loaded.data.brief.id;
  const files: PlannedFile[] = [];
  const artifacts: SummaryArtifact[] = [];
  const toArtifact = (abs: string): string => toPosix(relative(artifactDir, abs));
  const from = dirname(evidencePath);
  // One brief per hand-over folder: its logs need no folder of their own there.
  const selectors = manifest.selectors.map((s) => {
    const flat = handoverSelectorFiles(s.id);
    const copies: Array<[string, string]> = [[s.log, flat.log], ...(s.junit ? [[s.junit, flat.junit] as [string, string]] : [])];
    for (const [file, target] of copies) {
      files.push({ change: { target: join(artifactDir, target), copyFrom: resolve(from, file) }, shown: show(join(artifactDir, target)) });
    }
    return { ...s, log: flat.log, junit: s.junit ? flat.junit : null };
  });
  artifacts.push({ path: 'logs/', description: `pytest's log and JUnit XML of each of the ${manifest.selectors.length} selectors` });
  // The manifest as it reads from the artifact folder: its paths are relative to its own folder.
  const moved: EvidenceManifest = {
    ...manifest,
    selectors,
    ...(manifest.input ? { input: { ...manifest.input, file: toPosix(relative(artifactDir, loaded.absPath)) } } : {}),
    repo: { ...manifest.repo, path: toPosix(relative(artifactDir, loaded.repoDir)) || '.' },
  };
  const path = join(artifactDir, `${id}.evidence.json`);
  const manifestCopy = { path, text: `${JSON.stringify(moved, null, 2)}\n`, manifest: moved };
  files.push({ change: { target: path, text: manifestCopy.text }, shown: show(path), text: manifestCopy.text });
  artifacts.push({ path: toArtifact(path), description: 'evidence manifest: outcome, counts, duration and log sha256 of each selector' });
  const history = historyPath(from, id);
  if (existsSync(history)) {
    const target = historyPath(artifactDir, id);
    files.push({ change: { target, copyFrom: history }, shown: show(target) });
    artifacts.push({ path: toArtifact(target), description: 'run history: one line per run of these selectors' });
  }
  return { files, artifacts, manifestCopy };
}

/**
 * The published brief's runtime charts (drawn from the same history as the ones in --out, so the
 * same bytes), flat in the hand-over's `charts/`; null when it has none.
 */
export function planChartFiles(
  { charts, chartDir }: { charts: readonly BriefChart[]; chartDir: string },
  artifactDir: string,
  show: (abs: string) => string,
): { files: PlannedFile[]; artifact: SummaryArtifact } | null {
  if (charts.length === 0) return null;
  const folder = toPosix(relative(artifactDir, chartDir));
  return {
    files: charts.map((c) => ({ change: { target: c.path, text: c.svg }, shown: show(c.path), text: c.svg })),
    artifact: { path: `${folder}/`, description: `runtime trend of ${charts.length === 1 ? '1 selector' : `${charts.length} selectors`} (SVG), shown in the brief` },
  };
}
