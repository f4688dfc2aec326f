// The view model: every value the templates read, computed once, with absent sections set to
// null or [] explicitly. Templates render in Handlebars strict mode, which throws on a missing
// property, so "absent" must be a value, never a missing key.
import type { EvidenceManifest } from '../evidence/manifest.js';
import type { RegisteredMarkers } from '../evidence/pytest-config.js';
import { expandArtifactDir } from '../input/artifact-dir.js';
import type { HandoffInput, RuntimeGuardrails, Selector } from '../input/model.js';
import { formatVerdict } from '../evidence/verdict.js';
import { buildEvidenceView, buildSelectorEvidenceView, type EvidenceView, type LogState, type SelectorEvidenceView } from './evidence-view.js';
import type { ChangesView } from './changes.js';
import type { LastRuns } from '../evidence/history.js';
import { buildFollowupView, type FollowupView } from './followup-view.js';
import { formatDuration } from '../text/duration.js';
import { formatCommandLine } from '../text/shell-words.js';
import { formatCode } from '../text/markdown-format.js';
import { formatDate, formatStamp } from '../text/format-date.js';
import type { PlanView } from './plan-rows.js';

export interface SelectorView {
  id: string;
  run: string;
  purpose: string;
  group: string | null;
  /** The selector's own owner, else the owner of the ownership component that is the longest path prefix of its files. */
  owner: string | null;
  /** The selector's `markers`, else empty (see markerExpression). */
  markers: string[];
  /** The `-m` expression of its command line, when it lists no markers itself. */
  markerExpression: string | null;
  expect: string;
  /** Seconds, or null when the selector uses ci.timeout. */
  timeout: number | null;
  /** The timeout that applies: the selector's own, else ci.timeout, else null. */
  effectiveTimeout: number | null;
  /** effectiveTimeout comes from ci.timeout. */
  timeoutFromCi: boolean;
  /** Guardrails as one line: `max 90s, warn 60s, expected 36s ± 5s, min 20s`. */
  runtime: string | null;
  /** Its runtime chart, when it has one (linked from its row). */
  trend: RuntimeTrendView | null;
  evidence: SelectorEvidenceView | null;
}

/** A selector's runtime chart (charts/runtime-chart.ts): an SVG file beside the brief. */
export interface RuntimeTrendView {
  id: string;
  /** Relative to the brief (posix). */
  link: string;
  /** The numbers: last duration, median of the last 10, the nearest guardrail. */
  alt: string;
}

export interface SelectorGroupView {
  /** null for the selectors without a group. */
  name: string | null;
  /** Sub-heading, or null when no selector has a group (one table, no heading). */
  heading: string | null;
  selectors: SelectorView[];
}

export interface BriefView {
  tool: { name: string; version: string };
  /** The brief's first line: how many selectors went as expected, and what weakens the evidence. */
  verdict: string;
  /** Generation time, `YYYY-MM-DDTHH:mm:ssZ`. */
  generatedAt: string;
  brief: {
    id: string;
    title: string;
    initiative: string;
    phase: string;
    recipient: { initiative: string; phase: string };
    /** "As of" date: brief.date, else the day of the evidence, else of the newest run in the history; null: undated. */
    date: string | null;
    /** The report-folder stamp: brief.stamp, else the evidence's run time; null without either (`{stamp}` stays in the folder). */
    stamp: string | null;
    /** The hand-over folder in the repo (artifacts.dir, placeholders filled as far as known). */
    artifactDir: string;
    template: string | null;
  };
  /** The repository as its reader knows it, with the commit of the evidence. */
  repository: RepositoryView;
  /** The header's one time line: as-of date, evidence time and where it came from, publication time; null: none. */
  times: string | null;
  /** The hand-over folder, and whether this copy of the brief is the one published there. */
  handover: { folder: string; published: boolean };
  /** How to run the selectors by hand and with handoff; null without selectors. */
  reproduce: ReproduceView | null;
  purpose: string | null;
  flags: Array<{ name: string; where: string | null; values: string[]; default: string | null; notes: string | null }>;
  contract: string[];
  selectorCount: number;
  selectorGroups: SelectorGroupView[];
  /** An evidence manifest was given: the selectors table has an evidence column. */
  hasEvidence: boolean;
  evidence: EvidenceView | null;
  /** The runtime charts, in the selectors' order (the evidence appendix shows them); [] for none. */
  runtimeTrends: RuntimeTrendView[];
  ci: {
    /** `registered` as the repo's pytest configuration says when it can be read, else as the input says. */
    markers: Array<{ name: string; meaning: string | null; registered: boolean | null; registeredText: string }>;
    timeout: number | null;
    retries: number | null;
    retryOn: string[];
    skipPolicy: string | null;
    environment: Array<{ name: string; value: string; why: string | null }>;
    requirements: string[];
    python: string | null;
    /** Install lines of the generated CI workflow (ci.setup), one per line; null when none. */
    setup: string | null;
  } | null;
  coordination: Array<{ topic: string; with: string | null; action: string | null; status: string | null }>;
  /** `componentIsPath`: the component names a file or folder, shown as code. */
  ownership: Array<{ component: string; componentIsPath: boolean; owner: string; scope: string | null; contact: string | null }>;
  escalation: {
    path: string | null;
    triggers: Array<{ id: string; when: string; response: string | null; owner: string | null }>;
  } | null;
  followups: FollowupView[];
  /** The day follow-ups are judged overdue on: the "as of" date, or the newest run in the history when later; null: undated. */
  followupsAsOf: string | null;
  /** What changed since the previous run; null without evidence or an earlier run. */
  changes: ChangesView | null;
  plans: PlanView[];
  planExtension: { recommend: boolean; phase: string | null; reason: string | null } | null;
  openQuestions: string[];
  /** `anchorText`: `§4.8` for a numbered section, `#POLICY-001` for any other anchor; `link`: relative to the brief, when the file exists. */
  references: Array<{ path: string; anchor: string | null; anchorText: string | null; note: string | null; link: string | null }>;
  checklist: Array<{ item: string; done: boolean }>;
  notes: string | null;
  /** The notes start with a heading of their own: the template adds none. */
  notesOwnHeading: boolean;
}

export interface RepositoryView {
  /** `owner/name` of origin, else the folder's name. */
  name: string;
  /** The repo folder inside the repository, or null at its top. */
  folder: string | null;
  /** Short commit of the evidence; null without evidence or outside git. */
  commit: string | null;
  /** The evidence ran with uncommitted changes (handoff's own output left out). */
  dirty: boolean;
  /** The evidence ran outside a git repository. */
  notGit: boolean;
}

export interface ReproduceView {
  /** Shell lines: ci.setup, ci.environment as exports, the cd into the repo folder. */
  prepare: string;
  /** The first selector, as one runs it by hand. */
  example: { id: string; command: string };
  /** `npx --no-install handoff run <input>`, from the repository's top. */
  runAll: string;
  /** What the evidence ran with: `Python 3.11.7, pytest 9.0.3 on linux-x86_64`; null without evidence. */
  ranWith: string | null;
}

/** Where this brief's evidence came from, when not from a run in the output folder. */
export type EvidenceFromView = { kind: 'out' } | { kind: 'named'; path: string } | { kind: 'handover'; folder: string };

export interface ViewModelOptions {
  input: HandoffInput;
  /** Generation time. */
  now: Date;
  toolVersion: string;
  evidence?: EvidenceManifest;
  /** Path from the brief's folder to the manifest's folder ('' when the same): log links. */
  evidenceBase?: string;
  /** Selector id → test files changed since the evidence run (evidence/stale.ts). */
  staleEvidence?: ReadonlyMap<string, string[]>;
  /** Rows of the plan files named in `plans:` (plan-rows.ts), in input order. */
  planRows?: PlanView[];
  /** Characters of failure excerpts in the evidence appendix (default 16,000). */
  excerptBudget?: number;
  /** Selector id → whether its log still matches the manifest. */
  logStates?: ReadonlyMap<string, LogState>;
  /** The repository as its reader knows it (io/repo-identity.ts); the evidence's own record wins. */
  repoIdentity?: { name: string; folder: string | null };
  /** Where the evidence came from (default: a run in the output folder). */
  evidenceFrom?: EvidenceFromView;
  /** This is the copy published in the hand-over folder, at this time. */
  publishedAt?: string;
  /** How to reach the input from the repository's top (posix), for `handoff run`. */
  inputFromTop?: string;
  /** What the repo's pytest configuration registers (evidence/pytest-config.ts). */
  registeredMarkers?: RegisteredMarkers | null;
  /** Reference path → link relative to the brief, for the references that exist in the repo. */
  referenceLinks?: ReadonlyMap<string, string>;
  /** Each selector's last run in the run history (evidence/brief-history.ts): follow-up due dates count from it. */
  lastRuns?: LastRuns;
  /** Day of the newest run in the history: overdue is judged on it when it is after the "as of" date. */
  historyNewestDay?: string | null;
  /** "Changes since" the previous run (or `render --compare`). */
  changes?: ChangesView | null;
  /** The runtime charts written beside the brief. */
  runtimeTrends?: RuntimeTrendView[];
}

export const DEFAULT_EXCERPT_BUDGET = 16_000;

/** Markdown blocks are rendered verbatim, without the blank lines around them. */
function block(text: string | undefined): string | null {
  if (text === undefined) return null;
  const trimmed = text.replace(/^\s*\n/, '').replace(/\s+$/, '');
  return trimmed === '' ? null : trimmed;
}

function describeRuntime(runtime: RuntimeGuardrails | undefined): string | null {
  if (!runtime) return null;
  const parts: string[] = [];
  if (runtime.max !== undefined) parts.push(`max ${formatDuration(runtime.max)}`);
  if (runtime.warn !== undefined) parts.push(`warn ${formatDuration(runtime.warn)}`);
  if (runtime.expected !== undefined) {
    const tolerance = runtime.tolerance !== undefined ? ` ± ${formatDuration(runtime.tolerance)}` : '';
    parts.push(`expected ${formatDuration(runtime.expected)}${tolerance}`);
  } else if (runtime.tolerance !== undefined) {
    parts.push(`tolerance ${formatDuration(runtime.tolerance)}`);
  }
  if (runtime.min !== undefined) parts.push(`min ${formatDuration(runtime.min)}`);
  return parts.length > 0 ? parts.join(', ') : null;
}

/** The owner of the ownership component that is the longest path prefix of one of the files. */
function ownerByPath(files: readonly string[], ownership: HandoffInput['ownership']): string | null {
  let best: { length: number; owner: string } | null = null;
  for (const row of ownership) {
    const component = row.component.replace(/^\.\//, '').replace(/\/+$/, '');
    if (component === '') continue;
    if (files.some((f) => f.replace(/^\.\//, '') === component || f.replace(/^\.\//, '').startsWith(`${component}/`)) && component.length > (best?.length ?? -1)) {
      best = { length: component.length, owner: row.owner };
    }
  }
  return best?.owner ?? null;
}

/** The `-m EXPR` (or `-m=EXPR`, `-mEXPR`) of a pytest command line. */
function markerExpression(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-m') return args[i + 1] ?? null;
    if (a.startsWith('-m') && !a.startsWith('--')) return a.slice(a[2] === '=' ? 3 : 2) || null;
  }
  return null;
}

function buildSelectorView(
  selector: Selector,
  options: ViewModelOptions,
  byId: Map<string, NonNullable<ViewModelOptions['evidence']>['selectors'][number]>,
  trends: ReadonlyMap<string, RuntimeTrendView>,
): SelectorView {
  const evidence = byId.get(selector.id);
  return {
    id: selector.id,
    run: selector.run,
    purpose: selector.purpose,
    group: selector.group ?? null,
    owner: selector.owner ?? ownerByPath(selector.files, options.input.ownership),
    markers: [...selector.markers],
    markerExpression: selector.markers.length === 0 ? markerExpression(selector.pytestArgs) : null,
    expect: selector.expect,
    timeout: selector.timeout ?? null,
    effectiveTimeout: selector.timeout ?? options.input.ci?.timeout ?? null,
    timeoutFromCi: selector.timeout === undefined && options.input.ci?.timeout !== undefined,
    runtime: describeRuntime(selector.runtime),
    trend: trends.get(selector.id) ?? null,
    evidence: evidence
      ? buildSelectorEvidenceView(evidence, selector.run, options.evidenceBase ?? '', options.staleEvidence?.get(selector.id) ?? [], options.logStates?.get(selector.id))
      : null,
  };
}

/** Groups in first-seen order; the selectors without a group come last. */
function groupSelectors(selectors: SelectorView[]): SelectorGroupView[] {
  const groups = new Map<string, SelectorView[]>();
  const ungrouped: SelectorView[] = [];
  for (const selector of selectors) {
    if (selector.group === null) {
      ungrouped.push(selector);
      continue;
    }
    const list = groups.get(selector.group) ?? [];
    list.push(selector);
    groups.set(selector.group, list);
  }
  if (groups.size === 0) return ungrouped.length > 0 ? [{ name: null, heading: null, selectors: ungrouped }] : [];
  const result: SelectorGroupView[] = [...groups].map(([name, list]) => ({ name, heading: name, selectors: list }));
  if (ungrouped.length > 0) result.push({ name: null, heading: 'Ungrouped', selectors: ungrouped });
  return result;
}

function hasCiContent(ci: NonNullable<HandoffInput['ci']>): boolean {
  return (
    ci.markers.length > 0 || ci.timeout !== undefined || ci.retries !== undefined || ci.retry_on.length > 0 ||
    block(ci.skip_policy) !== null || ci.environment.length > 0 || ci.requirements.length > 0 ||
    ci.python !== undefined || ci.setup.length > 0
  );
}

function describeRegistration(marker: { name: string; registered?: boolean }, repo: RegisteredMarkers | null | undefined): { registered: boolean | null; registeredText: string } {
  if (!repo) return { registered: marker.registered ?? null, registeredText: marker.registered === undefined ? '—' : marker.registered ? 'yes' : '**no**' };
  const registered = repo.names.has(marker.name);
  const differs = marker.registered !== undefined && marker.registered !== registered ? `; the input says ${marker.registered ? 'yes' : 'no'}` : '';
  return { registered, registeredText: `${registered ? 'yes' : '**no**'} (${repo.file}${differs})` };
}

function describeRepository(options: ViewModelOptions): RepositoryView {
  const repo = options.evidence?.repo;
  const name = repo?.name ?? options.repoIdentity?.name ?? 'the repository';
  const folder = repo?.name !== undefined ? (repo.folder ?? null) : (options.repoIdentity?.folder ?? null);
  return { name, folder, commit: repo?.commit ? repo.commit.slice(0, 7) : null, dirty: repo?.dirty === true, notGit: repo !== undefined && repo.commit === null };
}

/** `2025-10-19; evidence from 2025-10-19T20:58:32Z (the hand-over published in `…`); published …`. */
function describeTimes(asOf: string | null, options: ViewModelOptions): string | null {
  const parts: string[] = asOf !== null ? [asOf] : [];
  if (options.evidence) {
    const from = options.evidenceFrom;
    const where =
      from?.kind === 'handover' ? ` (the hand-over published in ${formatCode(from.folder)})` : from?.kind === 'named' ? ` (${formatCode(from.path)})` : '';
    parts.push(`evidence from ${options.evidence.generated_at}${where}`);
  }
  if (options.publishedAt !== undefined) parts.push(`published ${options.publishedAt}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

function buildReproduce(input: HandoffInput, options: ViewModelOptions): ReproduceView | null {
  const first = input.selectors[0];
  if (!first) return null;
  const identity = describeRepository(options);
  const env = (input.ci?.environment ?? []).map((e) => `export ${e.name}=${formatCommandLine([e.value])}`);
  const cd = identity.folder !== null ? [formatCommandLine(['cd', identity.folder])] : [];
  const environment = options.evidence?.environment;
  return {
    prepare: [...(input.ci?.setup ?? []), ...env, ...cd].join('\n'),
    example: { id: first.id, command: formatCommandLine(['python3', '-m', 'pytest', ...first.pytestArgs]) },
    runAll: formatCommandLine(['npx', '--no-install', 'handoff', 'run', options.inputFromTop ?? 'INPUT.yaml']),
    ranWith: environment ? `Python ${environment.python}, pytest ${environment.pytest} on ${environment.platform}` : null,
  };
}

export function buildViewModel(options: ViewModelOptions): BriefView {
  const { input, now } = options;
  // The brief is a snapshot "as of" one date: brief.date, else the day of its evidence, else of
  // the newest run in its history. Never the clock: the same inputs give the same brief on any
  // day (only the Generated line moves), and `handoff due` tells what is due now.
  const evidenceAt = options.evidence ? new Date(options.evidence.generated_at) : null;
  const asOf = input.brief.date ?? (evidenceAt ? formatDate(evidenceAt) : (options.historyNewestDay ?? null));
  // The stamp of a brief made from evidence is the run's, so regenerating it later keeps it.
  const stamp = input.brief.stamp ?? (evidenceAt ? formatStamp(evidenceAt) : null);
  const byId = new Map((options.evidence?.selectors ?? []).map((s) => [s.id, s]));
  const trends = new Map((options.runtimeTrends ?? []).map((t) => [t.id, t]));
  const selectors = input.selectors.map((s) => buildSelectorView(s, options, byId, trends));
  const ci = input.ci;
  const escalation = input.escalation;
  const evidence = options.evidence
    ? buildEvidenceView({
        manifest: options.evidence,
        selectors: input.selectors,
        base: options.evidenceBase ?? '',
        stale: options.staleEvidence,
        logStates: options.logStates,
        budget: options.excerptBudget ?? DEFAULT_EXCERPT_BUDGET,
      })
    : null;
  const staleCount = input.selectors.filter((s) => (options.staleEvidence?.get(s.id)?.length ?? 0) > 0).length;
  const notes = block(input.notes);
  // Judged on the brief's own date, moved on only by a run it records: the brief still changes
  // only when its inputs, evidence or history do.
  const followupsAsOf = asOf !== null && options.historyNewestDay && options.historyNewestDay > asOf ? options.historyNewestDay : asOf;
  const artifactDir = expandArtifactDir(input.artifacts?.dir, {
    initiative: input.brief.initiative,
    phase: input.brief.phase,
    stamp: stamp ?? '{stamp}',
    id: input.brief.id,
    date: asOf ?? '{date}',
  });
  return {
    tool: { name: 'handoff-brief', version: options.toolVersion },
    verdict: formatVerdict(input.selectors, options.evidence ?? null, { stale: staleCount, logProblems: evidence?.logProblems.length ?? 0 }),
    generatedAt: formatDate(now, 'YYYY-MM-DD[T]HH:mm:ss[Z]'),
    brief: {
      id: input.brief.id,
      title: input.brief.title,
      initiative: input.brief.initiative,
      phase: input.brief.phase,
      recipient: { initiative: input.brief.recipient.initiative, phase: input.brief.recipient.phase },
      date: asOf,
      stamp,
      artifactDir,
      template: input.brief.template ?? null,
    },
    repository: describeRepository(options),
    times: describeTimes(asOf, options),
    handover: { folder: artifactDir, published: options.publishedAt !== undefined },
    reproduce: buildReproduce(input, options),
    purpose: block(input.purpose),
    flags: input.flags.map((f) => ({
      name: f.name,
      where: f.where ?? null,
      values: [...f.values],
      default: f.default ?? null,
      notes: f.notes ?? null,
    })),
    contract: [...input.contract],
    selectorCount: selectors.length,
    selectorGroups: groupSelectors(selectors),
    hasEvidence: options.evidence !== undefined,
    evidence,
    runtimeTrends: options.runtimeTrends ?? [],
    ci: ci && hasCiContent(ci)
      ? {
          markers: ci.markers.map((m) => ({ name: m.name, meaning: m.meaning ?? null, ...describeRegistration(m, options.registeredMarkers) })),
          timeout: ci.timeout ?? null,
          retries: ci.retries ?? null,
          retryOn: [...ci.retry_on],
          skipPolicy: block(ci.skip_policy),
          environment: ci.environment.map((e) => ({ name: e.name, value: e.value, why: e.why ?? null })),
          requirements: [...ci.requirements],
          python: ci.python ?? null,
          setup: ci.setup.length > 0 ? ci.setup.join('\n') : null,
        }
      : null,
    coordination: input.coordination.map((c) => ({
      topic: c.topic,
      with: c.with ?? null,
      action: c.action ?? null,
      status: c.status ?? null,
    })),
    ownership: input.ownership.map((o) => ({
      component: o.component,
      componentIsPath: /^[\w.-]*[/.][\w./-]*$/.test(o.component),
      owner: o.owner,
      scope: o.scope ?? null,
      contact: o.contact ?? null,
    })),
    escalation:
      escalation && (escalation.path !== undefined || escalation.triggers.length > 0)
        ? {
            path: block(escalation.path),
            triggers: escalation.triggers.map((t) => ({
              id: t.id,
              when: t.when,
              response: t.response ?? null,
              owner: t.owner ?? null,
            })),
          }
        : null,
    followups: input.followups.map((f) => buildFollowupView(f, asOf, followupsAsOf, options.lastRuns)),
    followupsAsOf,
    changes: options.changes ?? null,
    plans: options.planRows ?? [],
    planExtension: input.plan_extension
      ? {
          recommend: input.plan_extension.recommend,
          phase: input.plan_extension.phase ?? null,
          reason: input.plan_extension.reason ?? null,
        }
      : null,
    openQuestions: [...input.open_questions],
    references: input.references.map((r) => ({
      path: r.path,
      anchor: r.anchor ?? null,
      anchorText: r.anchor === undefined ? null : /^\d/.test(r.anchor) ? `§${r.anchor}` : `#${r.anchor}`,
      note: r.note ?? null,
      link: options.referenceLinks?.get(r.path) ?? null,
    })),
    checklist: input.checklist.map((c) => ({ item: c.item, done: c.done })),
    notes,
    notesOwnHeading: notes !== null && /^#{1,6}\s/.test(notes),
  };
}
