// "Changes since <time>" (docs/followups.md): the evidence a brief shows, compared with the run before it
// (the previous line of the run history) or with a manifest named by `render --compare`.
// Pure: two snapshots in, Markdown lines out.
import type { RunComparison, RunSnapshot } from '../evidence/brief-history.js';
import type { Counts } from '../evidence/manifest.js';
import type { Selector } from '../input/model.js';
import { formatDuration } from '../text/duration.js';
import { formatCode } from '../text/markdown-format.js';

export interface ChangesView {
  /** When the run compared with ran, `YYYY-MM-DDTHH:mm:ssZ`. */
  since: string;
  /** What it was: `the previous run` or the manifest's path. */
  against: string;
  /** Nothing changed: the brief says so in one line. */
  nothing: boolean;
  /** One Markdown line per kind of change. */
  lines: string[];
}

const COUNT_NAMES: Array<keyof Counts> = ['passed', 'failed', 'errors', 'skipped', 'xfailed', 'xpassed', 'deselected', 'collected'];

/**
 * How much longer a selector may take than it did before without being reported: its
 * `runtime.tolerance`, else 10% of `runtime.expected`, else 10% of the earlier duration but at
 * least 5 s: without a guardrail, a few seconds is start-up and machine-load noise (Python and
 * its imports), not a change worth reporting.
 */
export function runtimeTolerance(selector: Selector | undefined, previousS: number): number {
  const runtime = selector?.runtime;
  if (runtime?.tolerance !== undefined) return runtime.tolerance;
  if (runtime?.expected !== undefined) return runtime.expected * 0.1;
  return Math.max(5, previousS * 0.1);
}

function codes(ids: readonly string[]): string {
  return ids.map((id) => formatCode(id)).join(', ');
}

export function compareRuns(previous: RunSnapshot, current: RunSnapshot, options: { selectors: readonly Selector[]; against: string }): ChangesView {
  const before = new Map(previous.selectors.map((s) => [s.id, s]));
  const after = new Map(current.selectors.map((s) => [s.id, s]));
  const inInput = new Map(options.selectors.map((s) => [s.id, s]));
  const failing: string[] = [];
  const passing: string[] = [];
  const outcome: string[] = [];
  const counts: string[] = [];
  const slower: string[] = [];
  for (const now of current.selectors) {
    const then = before.get(now.id);
    if (!then) continue;
    const change = `${formatCode(now.id)} (${then.outcome} → ${now.outcome})`;
    if (then.met && !now.met) failing.push(change);
    else if (!then.met && now.met) passing.push(change);
    else if (then.outcome !== now.outcome) outcome.push(change);
    const changed = COUNT_NAMES.filter((k) => (then.counts[k] ?? 0) !== (now.counts[k] ?? 0)).map((k) => `${then.counts[k] ?? 0} → ${now.counts[k] ?? 0} ${k}`);
    if (changed.length > 0) counts.push(`${formatCode(now.id)} ${changed.join(', ')}`);
    const tolerance = runtimeTolerance(inInput.get(now.id), then.duration_s);
    if (now.duration_s - then.duration_s > tolerance) {
      slower.push(`${formatCode(now.id)} ${formatDuration(then.duration_s)} → ${formatDuration(now.duration_s)} (tolerance ${formatDuration(tolerance)})`);
    }
  }
  const added = current.selectors.filter((s) => !before.has(s.id)).map((s) => s.id);
  const gone = previous.selectors.filter((s) => !after.has(s.id)).map((s) => s.id);
  const notRun = gone.filter((id) => inInput.has(id));
  const removed = gone.filter((id) => !inInput.has(id));
  const lines = [
    failing.length > 0 ? `**Newly failing:** ${failing.join(', ')}` : null,
    passing.length > 0 ? `**Newly passing:** ${passing.join(', ')}` : null,
    outcome.length > 0 ? `**Outcome changed:** ${outcome.join(', ')}` : null,
    counts.length > 0 ? `**Counts:** ${counts.join('; ')}` : null,
    slower.length > 0 ? `**Slower beyond tolerance:** ${slower.join('; ')}` : null,
    added.length > 0 ? `**New:** ${codes(added)} (not in the run compared with)` : null,
    notRun.length > 0 ? `**Not run this time:** ${codes(notRun)}` : null,
    removed.length > 0 ? `**No longer in the input:** ${codes(removed)}` : null,
  ].filter((l): l is string => l !== null);
  return { since: previous.time.replace(/\.\d+Z$/, 'Z'), against: options.against, nothing: lines.length === 0, lines };
}

/** "Changes since" of a brief: its evidence against the run the history found; null when there is none. */
export function describeChanges(compared: RunComparison | null, selectors: readonly Selector[]): ChangesView | null {
  return compared ? compareRuns(compared.previous, compared.current, { selectors, against: compared.against }) : null;
}
