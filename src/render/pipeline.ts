// The render pipeline after the input is loaded: plan rows → view model → templates → text,
// then write (atomically) or compare with the file on disk. `handoff render`, `run` and
// `watch` all go through here.
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { LoadedInput } from '../input/model.js';
import type { LoadedEvidence } from './load-evidence.js';
import { readPlanRows } from './plan-rows.js';
import { appendProvenance, compileTemplates, hashInputs, resolveOutputName, type HashPart } from './render-brief.js';
import { loadTemplateSet } from './templates.js';
import { TOOL_VERSION } from '../version.js';
import { buildViewModel, type BriefView } from './view-model.js';

export interface BriefJob {
  loaded: LoadedInput;
  /** Absolute output folder. */
  outDir: string;
  /** Generation time (resolveNow). */
  now: Date;
  /** `--template` NAME or PATH (a PATH is relative to cwd); overrides `brief.template`. */
  template?: string;
  cwd: string;
  evidence?: LoadedEvidence;
  /** Selector id → test files changed since the run; default: worked out from the manifest. */
  staleEvidence?: ReadonlyMap<string, string[]>;
  /** Characters of failure excerpts in the evidence appendix. */
  excerptBudget?: number;
  /** Folder of the package templates (tests). */
  packageTemplatesDir?: string;
}

export interface PreparedBrief {
  /** Absolute path the brief is (or would be) written to. */
  path: string;
  /** The whole brief, provenance comment included. */
  text: string;
  /** sha256 in the provenance comment. */
  hash: string;
  /** Absolute paths of every file this render read, or would read if it existed (watch). */
  sources: string[];
  view: BriefView;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

async function findStale(job: BriefJob): Promise<ReadonlyMap<string, string[]> | undefined> {
  if (job.staleEvidence || !job.evidence) return job.staleEvidence;
  if (!job.evidence.manifest.selectors.some((s) => s.files)) return undefined;
  const { findStaleEvidence } = await import('../evidence/stale.js');
  return findStaleEvidence(job.evidence.manifest, job.loaded.repoDir);
}

/** Everything but the write: the brief's text and where it goes. */
export async function prepareBrief(job: BriefJob): Promise<PreparedBrief> {
  const { loaded } = job;
  const input = loaded.data;
  const templates = await loadTemplateSet(
    job.template !== undefined
      ? { spec: job.template, baseDir: job.cwd, origin: '--template', packageDir: job.packageTemplatesDir }
      : { spec: input.brief.template, baseDir: dirname(loaded.absPath), origin: 'brief.template', packageDir: job.packageTemplatesDir },
  );
  const plans = await readPlanRows(input.plans, loaded.repoDir);
  const renderer = await compileTemplates(templates);

  // The output name may depend on the data, and evidence links depend on where the brief
  // goes: the view without evidence names the file; with evidence, a second view is built
  // with links relative to it.
  const base = { input, now: job.now, toolVersion: TOOL_VERSION, planRows: plans.views };
  const plain = buildViewModel(base);
  const path = join(job.outDir, resolveOutputName(templates, renderer, plain));
  const view = job.evidence
    ? buildViewModel({
        ...base,
        evidence: job.evidence.manifest,
        evidenceBase: toPosix(relative(dirname(path), dirname(job.evidence.path))),
        staleEvidence: await findStale(job),
        excerptBudget: job.excerptBudget,
      })
    : plain;
  const body = renderer.render(view);

  const parts: HashPart[] = [
    { label: 'input', text: loaded.text },
    { label: `template:${templates.main.name}`, text: templates.main.text },
    ...templates.partials.map((p) => ({ label: `partial:${p.name}`, text: p.text })),
    ...(job.evidence ? [{ label: 'evidence', text: job.evidence.text }] : []),
    ...plans.files.map((f) => ({ label: `plan:${toPosix(relative(loaded.repoDir, f.path))}`, text: f.text })),
  ];
  const hash = hashInputs(parts);
  const sources = [
    loaded.absPath,
    templates.main.path,
    ...templates.partials.map((p) => p.path),
    ...(job.evidence ? [job.evidence.path] : []),
    ...input.plans.map((p) => resolve(loaded.repoDir, p.file)),
  ];
  return { path, text: appendProvenance(body, TOOL_VERSION, hash), hash, sources: [...new Set(sources)], view };
}
