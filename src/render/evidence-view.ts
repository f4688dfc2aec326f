// The evidence parts of the view model: a per-selector evidence cell that says in one statement
// what happened (✓ met / ✗ not met, the outcome against the expect, pytest's counts; worded in
// evidence/outcome-words.ts, as CI says it too), and the appendix with failure excerpts and skip
// reasons. Excerpts share one size budget so a run with hundreds of failures still gives a brief
// a person can read; the full log is always linked. The verdict line is evidence/verdict.ts.
import type { EvidenceManifest, SelectorEvidence } from '../evidence/manifest.js';
import { describeEvidence, formatCounts } from '../evidence/outcome-words.js';

/** Whether a log still has the sha256 the manifest recorded. */
export type LogState = 'ok' | 'changed' | 'missing';

export interface SelectorEvidenceView {
  outcome: string;
  met: boolean;
  /** ✓ or ✗. */
  mark: string;
  expect: string;
  exitCode: number | null;
  attempts: number;
  /** Seconds. */
  duration: number;
  /** pytest's counts, `6 passed, 1 skipped`; `no tests` when every count is zero. */
  counts: string;
  /** One statement: `✓ 6 passed in 3.4s`, `✗ **failed** (expected pass): 1 failed, 5 passed in 3.4s`. */
  summary: string;
  findings: string[];
  /** Link to the log, relative to the brief's folder. */
  log: string;
  /** The log on disk is not the one the run wrote (changed or missing since). */
  logState: LogState;
  junit: string | null;
  /** Test files changed since the run: the evidence may no longer describe the code. */
  stale: boolean;
  staleFiles: string[];
  /** The selector's command line differs from the one that was run. */
  commandChanged: boolean;
  /** `K/N` when a shard of a sharded run ran it. */
  shard: string | null;
}

export interface FailureView {
  nodeid: string;
  message: string;
  excerpt: string;
}

export interface AppendixSelectorView {
  id: string;
  outcome: string;
  log: string;
  failures: FailureView[];
  failuresTotal: number;
  /** Some failures are left out for the size budget: "N of M shown". */
  cut: boolean;
}

export interface SkipView {
  id: string;
  reasons: Array<{ reason: string; count: number }>;
}

export interface EvidenceView {
  generatedAt: string;
  toolVersion: string;
  environment: { python: string; pytest: string; platform: string };
  /** How the selectors were run, e.g. "8 selectors in 2 shared workers, 1 in its own process"; null for a manifest from before 0.2. */
  howRun: string | null;
  /** Any selector's evidence is stale. */
  stale: boolean;
  /** Selectors whose log changed or vanished since the run. */
  logProblems: Array<{ id: string; state: LogState }>;
  /** Selectors that did not meet their expect and have failures, in input order. */
  failing: AppendixSelectorView[];
  /** Selectors that met `expect: fail`: their failures are the expected ones, shown apart. */
  expectedFailing: AppendixSelectorView[];
  failuresShown: number;
  failuresTotal: number;
  /** Skip reasons per selector, in input order. */
  skipped: SkipView[];
  /** xfail reasons per selector (a strict xfail that passed says so), in input order. */
  xfailed: SkipView[];
  /** Changed paths that made the work tree count as dirty (the first 20), and how many in all. */
  changed: { paths: string[]; total: number } | null;
  /** Selectors of the input that the manifest has no result for. */
  notRun: string[];
}

export interface EvidenceViewOptions {
  manifest: EvidenceManifest;
  /** Selector ids and command lines of the input, in input order. */
  selectors: ReadonlyArray<{ id: string; run: string }>;
  /** Path from the brief's folder to the manifest's folder, '' when they are the same. */
  base: string;
  stale?: ReadonlyMap<string, string[]>;
  logStates?: ReadonlyMap<string, LogState>;
  /** Characters of failure excerpts the appendix may hold in total. */
  budget: number;
}

/** Join a relative folder and a manifest-relative path with `/` (links in Markdown). */
function joinLink(base: string, path: string): string {
  const clean = path.replace(/\\/g, '/');
  if (base === '' || base === '.') return clean;
  return `${base.replace(/\\/g, '/').replace(/\/$/, '')}/${clean}`;
}

export function buildSelectorEvidenceView(
  evidence: SelectorEvidence,
  run: string,
  base: string,
  staleFiles: readonly string[],
  logState: LogState = 'ok',
): SelectorEvidenceView {
  return {
    outcome: evidence.outcome,
    met: evidence.met,
    mark: evidence.met ? '✓' : '✗',
    expect: evidence.expect,
    exitCode: evidence.exit_code,
    attempts: evidence.attempts,
    duration: evidence.duration_s,
    counts: formatCounts(evidence.counts),
    summary: describeEvidence(evidence),
    findings: [...evidence.runtime_findings],
    log: joinLink(base, evidence.log),
    logState,
    junit: evidence.junit === null ? null : joinLink(base, evidence.junit),
    stale: staleFiles.length > 0,
    staleFiles: [...staleFiles],
    commandChanged: evidence.run !== run,
    shard: evidence.shard ?? null,
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Shared workers and processes of their own (docs/evidence.md#how-selectors-are-run), from the manifest's `worker` fields. */
export function describeExecution(manifest: EvidenceManifest): string | null {
  if (manifest.selectors.length === 0 || manifest.selectors.some((s) => s.worker === undefined)) return null;
  const shared = manifest.selectors.filter((s) => s.worker === 'shared').length;
  const own = manifest.selectors.length - shared;
  if (shared === 0) return own === 1 ? '1 selector, in a pytest process of its own' : `${own} selectors, each in a pytest process of its own`;
  const workers = manifest.shared_workers ?? 0;
  const inShared = `${count(shared, 'selector')} in ${workers > 0 ? count(workers, 'shared worker') : 'shared workers'}`;
  return own === 0 ? inShared : `${inShared}, ${own} in ${own === 1 ? 'its own process' : 'processes of their own'}`;
}

export function buildEvidenceView(options: EvidenceViewOptions): EvidenceView {
  const { manifest, base, budget } = options;
  const byId = new Map(manifest.selectors.map((s) => [s.id, s]));
  let remaining = budget;
  let shown = 0;
  let total = 0;
  const failing: AppendixSelectorView[] = [];
  const expectedFailing: AppendixSelectorView[] = [];
  const skipped: SkipView[] = [];
  const xfailed: SkipView[] = [];
  for (const { id } of options.selectors) {
    const evidence = byId.get(id);
    if (evidence?.skip_reasons?.length) skipped.push({ id, reasons: evidence.skip_reasons.map((r) => ({ ...r })) });
    if (evidence?.xfail_reasons?.length) {
      xfailed.push({ id, reasons: evidence.xfail_reasons.map((r) => ({ reason: r.strict_passed ? `${r.reason} (strict xfail; it passed)` : r.reason, count: r.count })) });
    }
    if (!evidence || evidence.failures.length === 0) continue;
    const failures: FailureView[] = [];
    for (const failure of evidence.failures) {
      // Keep input order; once one excerpt does not fit, later ones are cut too, so the
      // brief never shows failure 5 without failure 4.
      if (failure.excerpt.length > remaining) break;
      failures.push({ nodeid: failure.nodeid, message: failure.message, excerpt: failure.excerpt });
      remaining -= failure.excerpt.length;
    }
    shown += failures.length;
    total += evidence.failures.length;
    (evidence.met ? expectedFailing : failing).push({
      id,
      outcome: evidence.outcome,
      log: joinLink(base, evidence.log),
      failures,
      failuresTotal: evidence.failures.length,
      cut: failures.length < evidence.failures.length,
    });
  }
  const logProblems = options.selectors.flatMap(({ id }) => {
    const state = options.logStates?.get(id);
    return state && state !== 'ok' ? [{ id, state }] : [];
  });
  return {
    generatedAt: manifest.generated_at,
    toolVersion: manifest.tool.version,
    environment: { ...manifest.environment },
    howRun: describeExecution(manifest),
    stale: options.selectors.some(({ id }) => (options.stale?.get(id)?.length ?? 0) > 0),
    logProblems,
    failing,
    expectedFailing,
    failuresShown: shown,
    failuresTotal: total,
    skipped,
    xfailed,
    changed: manifest.repo.dirty && manifest.repo.changed ? { paths: [...manifest.repo.changed], total: manifest.repo.changed_count ?? manifest.repo.changed.length } : null,
    notRun: options.selectors.filter(({ id }) => !byId.has(id)).map(({ id }) => id),
  };
}
