// The brief of an input file, as `handoff render` and `handoff watch` make it: the input loaded,
// its evidence found (--evidence, the output folder, or a published hand-over; none with
// --no-evidence), an optional manifest to compare with, then the render pipeline (pipeline.ts).
import { relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { findEvidence, loadEvidence, type FoundEvidence, type LoadedEvidence } from '../evidence/load-evidence.js';
import { loadInput } from '../input/load-input.js';
import { resolveOutDir } from '../input/out-dir.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { Console } from '../io/console.js';
import { writeCharts } from './chart-files.js';
import { prepareBrief, type PreparedBrief } from './pipeline.js';
import type { EvidenceFromView } from './view-model.js';

export interface InputBriefOptions {
  input: string;
  /** --out as typed; default: out/ at the top of the input's git repository (input/out-dir.ts). */
  out?: string;
  repo?: string;
  template?: string;
  /** --evidence FILE; false for --no-evidence; default: `<out>/<brief.id>.evidence.json` if it is there. */
  evidence?: string | false;
  /** --compare MANIFEST: "Changes since" against it rather than the previous run in the history. */
  compare?: string;
  /** Generation time (resolveNow). */
  now: Date;
  cwd: string;
  /** Notes that did not stop the render go to its stderr. */
  console: Console;
}

export interface InputBrief {
  brief: PreparedBrief;
  /**
   * Absolute paths of every file this render read (input, template, partials, plan files,
   * evidence manifest, or where the default one would be): `handoff watch` re-renders when one
   * of them changes.
   */
  sources: string[];
}

async function loadComparison(compare: string | undefined, hasEvidence: boolean, cwd: string): Promise<LoadedEvidence | undefined> {
  if (compare === undefined) return undefined;
  if (!hasEvidence) {
    throw new UsageError('--compare needs evidence to compare with it: run `handoff run` first, or name a manifest with --evidence');
  }
  return loadEvidence(resolve(cwd, compare), compare);
}

/**
 * How the brief names where its evidence came from (nothing to say for a run in the output
 * folder): a hand-over by its folder in the repo, a named manifest by its path from the brief's
 * folder (as its log links are), so the brief is the same from any current folder.
 */
export function describeOrigin(found: FoundEvidence, outDir: string): EvidenceFromView | undefined {
  const origin = found.origin;
  if (!origin || origin.kind === 'out' || !found.evidence) return undefined;
  if (origin.kind === 'handover') return { kind: 'handover', folder: origin.handover.folder };
  return { kind: 'named', path: relative(outDir, found.evidence.path).split(sep).join('/') };
}

export async function prepareInputBrief(options: InputBriefOptions): Promise<InputBrief> {
  const loaded = await loadInput({ file: options.input, cwd: options.cwd, repo: options.repo });
  const outDir = await resolveOutDir(options.out, loaded.absPath, options.cwd);
  const found = await findEvidence({ choice: options.evidence, cwd: options.cwd, outDir, loaded });
  if (found.note) options.console.err(`${found.note}\n`);
  const evidence = found.evidence;
  const compare = await loadComparison(options.compare, evidence !== undefined, options.cwd);
  const brief = await prepareBrief({
    loaded,
    outDir,
    now: options.now,
    template: options.template,
    cwd: options.cwd,
    evidence,
    compare,
    // --no-evidence: the brief as if never run, so neither the manifest nor the run history.
    historyDir: found.historyDir,
    evidenceFrom: describeOrigin(found, outDir),
  });
  for (const note of brief.notes) options.console.err(`${note}\n`);
  return { brief, sources: [...new Set([...brief.sources, ...found.watch])] };
}

/** The brief as the current folder names it. */
export function displayBriefPath(brief: PreparedBrief, cwd: string): string {
  return relative(cwd, brief.path) || brief.path;
}

/** Writes the brief (atomically) and its runtime charts (those that changed, first), and says so. */
export async function writeBrief(brief: PreparedBrief, cwd: string, console: Console): Promise<void> {
  const display = displayBriefPath(brief, cwd);
  const show = (path: string): string => relative(cwd, path) || path;
  const charts = await writeCharts(brief, show);
  await writeFileAtomic(brief.path, brief.text, { displayName: display });
  if (charts > 0) console.err(`wrote ${charts === 1 ? '1 runtime chart' : `${charts} runtime charts`} in ${show(brief.chartDir)}/\n`);
  console.err(`wrote ${display}\n`);
}
