// The render pipeline after the input is loaded: plan rows → view model → templates → text,
// then write (atomically) or compare with the file on disk. `handoff render`, `run` and
// `watch` all go through here.
import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { HistoryRecord } from '../evidence/history-read.js';
import type { HistoryEntry } from '../evidence/history.js';
import type { LoadedInput } from '../input/model.js';
import { findGitTop } from '../io/git-top.js';
import { readRepoIdentity } from '../io/repo-identity.js';
import { loadBriefHistory, noBriefHistory } from '../evidence/brief-history.js';
import { chartFolder } from '../evidence/out-layout.js';
import { CHART_RUNS, renderRuntimeChart } from '../charts/runtime-chart.js';
import { collectTrendRuns, TREND_LINES } from '../charts/trend-runs.js';
import { describeChanges } from './changes.js';
import type { LogState } from './evidence-view.js';
import type { LoadedEvidence } from '../evidence/load-evidence.js';
import { readPlanRows } from './plan-rows.js';
import { appendProvenance, compileTemplates, hashInputs, resolveOutputName, type BriefRenderer, type HashPart } from './render-brief.js';
import { loadTemplateSet, type TemplateSet } from './templates.js';
import { TOOL_VERSION } from '../version.js';
import { buildViewModel, type BriefView, type EvidenceFromView } from './view-model.js';
import { toPosix } from '../io/posix-path.js';

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
  /**
   * Check each log's sha256 against the manifest (default true). `run` skips it: it has just
   * hashed the logs it wrote.
   */
  verifyLogs?: boolean;
  /**
   * Where the run history is read (default outDir): `publish` renders into the repo from the
   * history in --out. false: none is read (`render --no-evidence`: the brief as if never run).
   */
  historyDir?: string | false;
  /** Plan texts to render instead of the files on disk (absolute path → text): `publish` shows the rows it marks. */
  planTexts?: ReadonlyMap<string, string>;
  /** Folder of the package templates (tests). */
  packageTemplatesDir?: string;
  /** `render --compare MANIFEST`: "Changes since" against it rather than the run history. */
  compare?: LoadedEvidence;
  /** `run`'s own history line, not appended yet: the brief counts it as the newest run. */
  pendingHistory?: HistoryEntry;
  /** Read the history on until this holds too (`site`: its page's trends); the brief is the same. */
  historyReadOn?: (newestFirst: readonly HistoryRecord[]) => boolean;
  /** Where the evidence came from, when not from a run in the output folder. */
  evidenceFrom?: EvidenceFromView;
  /** What `compare` is, as "Changes since" names it (default: its path). */
  compareLabel?: string;
  /** How "Changes since" names the previous run of the history (default: "the previous run"). */
  previousRunLabel?: string;
  /** This is the copy `publish` writes into the hand-over folder, published at this time. */
  publishedAt?: string;
  /**
   * Templates read and compiled once for many briefs (`handoff site` renders hundreds with the
   * same template): shared between the jobs given the same cache.
   */
  templateCache?: TemplateCache;
  /** Where the runtime charts go, relative to outDir (posix); default `charts/<brief id>`. */
  chartFolder?: string;
}

/** A runtime chart the brief links (charts/runtime-chart.ts), and where it is written. */
export interface BriefChart {
  selectorId: string;
  /** Absolute path of the SVG file. */
  path: string;
  /** The link from the brief's folder (posix). */
  link: string;
  alt: string;
  /** Drawn when first read (charts/runtime-chart.ts): `site` shows its own and never reads it. */
  readonly svg: string;
}

/** Template sets and their renderers by where they come from. */
export type TemplateCache = Map<string, Promise<{ templates: TemplateSet; renderer: BriefRenderer }>>;

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
  /** Things the user should know that did not stop the render (history lines skipped). */
  notes: string[];
  /** The runtime charts the brief links, written with it ([] for none). */
  charts: BriefChart[];
  /** Absolute folder the charts go to (this brief's own: files in it that it no longer links are stale). */
  chartDir: string;
  /** Every history line read, newest first (with `historyReadOn`, more than the brief needed). */
  historyLines: readonly HistoryRecord[];
}

/** The line `render --check` and `publish` ignore: only the generation time differs between two renders of the same inputs. */
const GENERATED_LINE = /^- \*\*Generated:\*\* .*$/m;

/** Two briefs that differ at most in their Generated line. */
export function sameButGenerated(a: string, b: string): boolean {
  return a.replace(GENERATED_LINE, '') === b.replace(GENERATED_LINE, '');
}

/** Whether each log is still the one the run wrote. */
async function checkLogs(evidence: LoadedEvidence): Promise<Map<string, LogState>> {
  const { sha256File } = await import('../evidence/log-file.js');
  const states = new Map<string, LogState>();
  const base = dirname(evidence.path);
  await Promise.all(
    evidence.manifest.selectors.map(async (s) => {
      const sha = await sha256File(resolve(base, s.log)).catch(() => null);
      states.set(s.id, sha === null ? 'missing' : sha === s.log_sha256 ? 'ok' : 'changed');
    }),
  );
  return states;
}

/** Reference path → link from the brief's folder, for each reference that exists in the repo. */
async function linkReferences(loaded: LoadedInput, briefDir: string): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  await Promise.all(
    loaded.data.references.map(async (r) => {
      const abs = resolve(loaded.repoDir, r.path);
      const inRepo = !relative(loaded.repoDir, abs).startsWith('..');
      if (inRepo && (await stat(abs).catch(() => null))) links.set(r.path, toPosix(relative(briefDir, abs)) || '.');
    }),
  );
  return links;
}

async function findStale(job: BriefJob): Promise<ReadonlyMap<string, string[]> | undefined> {
  if (job.staleEvidence || !job.evidence) return job.staleEvidence;
  if (!job.evidence.manifest.selectors.some((s) => s.files)) return undefined;
  const { findStaleEvidence } = await import('../evidence/stale.js');
  return findStaleEvidence(job.evidence.manifest, job.loaded.repoDir);
}

async function compileSet(options: Parameters<typeof loadTemplateSet>[0]): Promise<{ templates: TemplateSet; renderer: BriefRenderer }> {
  const templates = await loadTemplateSet(options);
  return { templates, renderer: await compileTemplates(templates) };
}

/** The template set and its renderer, from the cache when one is given. */
function loadRenderer(options: Parameters<typeof loadTemplateSet>[0], cache: TemplateCache | undefined): Promise<{ templates: TemplateSet; renderer: BriefRenderer }> {
  if (!cache) return compileSet(options);
  // A named template is found in the package whatever the input's folder; a path is relative to it.
  const named = options.spec === undefined || /^[A-Za-z0-9_-]+$/.test(options.spec);
  const key = JSON.stringify([options.spec ?? null, named ? null : resolve(options.baseDir, options.spec!), options.packageDir ?? null]);
  let entry = cache.get(key);
  if (!entry) {
    entry = compileSet(options);
    cache.set(key, entry);
  }
  return entry;
}

/** Everything but the write: the brief's text and where it goes. */
export async function prepareBrief(job: BriefJob): Promise<PreparedBrief> {
  const { loaded } = job;
  const input = loaded.data;
  const templateOptions =
    job.template !== undefined
      ? { spec: job.template, baseDir: job.cwd, origin: '--template', packageDir: job.packageTemplatesDir }
      : { spec: input.brief.template, baseDir: dirname(loaded.absPath), origin: 'brief.template', packageDir: job.packageTemplatesDir };
  const { templates, renderer } = await loadRenderer(templateOptions, job.templateCache);
  const inputTop = await findGitTop(loaded.repoDir);
  const [plans, registeredMarkers, history, repoIdentity] = await Promise.all([
    readPlanRows(input.plans, loaded.repoDir, job.planTexts),
    (input.ci?.markers.length ?? 0) > 0 ? import('../evidence/pytest-config.js').then((m) => m.readRegisteredMarkers(loaded.repoDir)) : null,
    job.historyDir === false
      ? noBriefHistory(job.outDir, input.brief.id)
      : loadBriefHistory({
          outDir: job.historyDir ?? job.outDir,
          input,
          evidence: job.evidence,
          compare: job.compare,
          compareLabel: job.compareLabel,
          previousRunLabel: job.previousRunLabel,
          pending: job.pendingHistory,
          display: (p) => relative(job.cwd, p) || p,
          // Runtime charts belong to the evidence: a brief without evidence has none.
          trend: job.evidence ? { runs: CHART_RUNS, lines: TREND_LINES } : undefined,
          readOn: job.historyReadOn,
        }),
    readRepoIdentity(loaded.repoDir, inputTop),
  ]);

  // The output name may depend on the data, and links (logs, references) depend on where the
  // brief goes: a first view names the file; the brief is rendered from a second one with
  // links relative to it.
  const base = {
    input,
    now: job.now,
    toolVersion: TOOL_VERSION,
    planRows: plans.views,
    repoIdentity,
    evidenceFrom: job.evidenceFrom,
    publishedAt: job.publishedAt,
    // `handoff run` as the reader types it from the top of the repository they have.
    inputFromTop: toPosix(relative(inputTop ?? loaded.repoDir, loaded.absPath)),
    registeredMarkers,
    evidence: job.evidence?.manifest,
    lastRuns: history.lastRuns,
    historyNewestDay: history.newestDay,
    changes: describeChanges(history.compared, input.selectors),
  };
  const path = join(job.outDir, resolveOutputName(templates, renderer, buildViewModel(base)));
  const trends = job.evidence ? collectTrendRuns(input.selectors, history.records) : { charts: [], used: [] };
  const chartDir = join(job.outDir, job.chartFolder ?? chartFolder(input.brief.id));
  const charts = trends.charts.map((chartInput): BriefChart => {
    const chart = renderRuntimeChart(chartInput);
    const chartPath = join(chartDir, chart.fileName);
    return {
      selectorId: chartInput.selectorId,
      path: chartPath,
      link: toPosix(relative(dirname(path), chartPath)),
      alt: chart.alt,
      get svg() {
        return chart.svg;
      },
    };
  });
  const view = buildViewModel({
    ...base,
    runtimeTrends: charts.map((c) => ({ id: c.selectorId, link: c.link, alt: c.alt })),
    referenceLinks: await linkReferences(loaded, dirname(path)),
    ...(job.evidence
      ? {
          evidenceBase: toPosix(relative(dirname(path), dirname(job.evidence.path))),
          staleEvidence: await findStale(job),
          logStates: job.verifyLogs === false ? undefined : await checkLogs(job.evidence),
          excerptBudget: job.excerptBudget,
        }
      : {}),
  });
  const body = renderer.render(view);
  // Only the charts the brief links are written: a template of its own that shows none leaves no
  // stray SVG files beside it (nor in a hand-over folder).
  const linked = charts.filter((c) => body.includes(`(${c.link})`) || body.includes(`(<${c.link}>)`));

  const parts: HashPart[] = [
    { label: 'input', text: loaded.text },
    { label: `template:${templates.main.name}`, text: templates.main.text },
    ...templates.partials.map((p) => ({ label: `partial:${p.name}`, text: p.text })),
    ...(job.evidence ? [{ label: 'evidence', text: job.evidence.text }] : []),
    ...plans.files.map((f) => ({ label: `plan:${toPosix(relative(loaded.repoDir, f.path))}`, text: f.text })),
    ...(history.usedText ? [{ label: 'history', text: history.usedText }] : []),
    ...(job.compare ? [{ label: 'compare', text: job.compare.text }] : []),
    // The lines the charts drew from: their alt text is in the brief.
    ...(trends.used.length > 0 ? [{ label: 'charts', text: trends.used.map((r) => r.text).join('\n') }] : []),
  ];
  const hash = hashInputs(parts);
  const sources = [
    loaded.absPath,
    templates.main.path,
    ...templates.partials.map((p) => p.path),
    ...(job.evidence ? [job.evidence.path] : []),
    ...input.plans.map((p) => resolve(loaded.repoDir, p.file)),
    history.path,
  ];
  return { path, text: appendProvenance(body, TOOL_VERSION, hash), hash, sources: [...new Set(sources)], view, notes: history.notes, charts: linked, chartDir, historyLines: history.linesRead };
}
