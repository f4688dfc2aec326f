// The evidence parts of the view model: a per-selector outcome cell and the appendix with
// failure excerpts. Excerpts share one size budget so a run with hundreds of failures still
// gives a brief a person can read; the full log is always linked.
import type { Counts, EvidenceManifest, SelectorEvidence } from '../evidence/manifest.js';

export interface SelectorEvidenceView {
  outcome: string;
  met: boolean;
  expect: string;
  exitCode: number | null;
  attempts: number;
  /** Seconds. */
  duration: number;
  /** `6 passed, 1 skipped`; `no tests` when every count is zero. */
  counts: string;
  findings: string[];
  /** Link to the log, relative to the brief's folder. */
  log: string;
  junit: string | null;
  /** Test files changed since the run: the evidence may no longer describe the code. */
  stale: boolean;
  staleFiles: string[];
  /** The selector's command line differs from the one that was run. */
  commandChanged: boolean;
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

export interface EvidenceView {
  generatedAt: string;
  toolVersion: string;
  repo: { path: string; commit: string | null; dirty: boolean | null };
  environment: { python: string; pytest: string; platform: string };
  /** How the selectors were run, e.g. "8 selectors in 2 shared workers, 1 in its own process"; null for a manifest from before 0.2. */
  howRun: string | null;
  /** Any selector's evidence is stale. */
  stale: boolean;
  /** Selectors with failures, in input order. */
  failing: AppendixSelectorView[];
  failuresShown: number;
  failuresTotal: number;
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
  /** Characters of failure excerpts the appendix may hold in total. */
  budget: number;
}

const COUNT_ORDER: Array<[keyof Counts, string]> = [
  ['passed', 'passed'],
  ['failed', 'failed'],
  ['errors', 'errors'],
  ['skipped', 'skipped'],
  ['xfailed', 'xfailed'],
  ['xpassed', 'xpassed'],
  ['deselected', 'deselected'],
];

/** Counts in pytest's own summary order, zeros left out. */
function formatCounts(counts: Counts): string {
  const parts = COUNT_ORDER.filter(([key]) => (counts[key] ?? 0) > 0).map(([key, label]) => `${counts[key]} ${label}`);
  return parts.length > 0 ? parts.join(', ') : 'no tests';
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
): SelectorEvidenceView {
  return {
    outcome: evidence.outcome,
    met: evidence.met,
    expect: evidence.expect,
    exitCode: evidence.exit_code,
    attempts: evidence.attempts,
    duration: evidence.duration_s,
    counts: formatCounts(evidence.counts),
    findings: [...evidence.runtime_findings],
    log: joinLink(base, evidence.log),
    junit: evidence.junit === null ? null : joinLink(base, evidence.junit),
    stale: staleFiles.length > 0,
    staleFiles: [...staleFiles],
    commandChanged: evidence.run !== run,
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Shared workers and processes of their own (SPEC §13), from the manifest's `worker` fields. */
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
  for (const { id } of options.selectors) {
    const evidence = byId.get(id);
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
    failing.push({
      id,
      outcome: evidence.outcome,
      log: joinLink(base, evidence.log),
      failures,
      failuresTotal: evidence.failures.length,
      cut: failures.length < evidence.failures.length,
    });
  }
  return {
    generatedAt: manifest.generated_at,
    toolVersion: manifest.tool.version,
    repo: { path: manifest.repo.path, commit: manifest.repo.commit, dirty: manifest.repo.dirty },
    environment: { ...manifest.environment },
    howRun: describeExecution(manifest),
    stale: options.selectors.some(({ id }) => (options.stale?.get(id)?.length ?? 0) > 0),
    failing,
    failuresShown: shown,
    failuresTotal: total,
    notRun: options.selectors.filter(({ id }) => !byId.has(id)).map(({ id }) => id),
  };
}
