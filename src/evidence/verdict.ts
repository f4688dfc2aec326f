// The verdict: a run's evidence against the selectors of the input in one line, as a reader would
// say it. The brief's first line, the last line `run` prints, the job summary's and summary.md's.
import type { EvidenceManifest } from './manifest.js';
import { describeOutcome, EXPECTED_WORD } from './outcome-words.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The brief's first line, as a reader would say it: `7 of 7 selectors as expected (1 known
 * failure, 1 expected skip)`, what did not go as expected, and what weakens the evidence (not run,
 * stale, logs changed); without evidence, that there is none. Also the last line `run` prints
 * (with `evidenceSource`), the job summary's and summary.md's.
 */
export function formatVerdict(
  selectors: ReadonlyArray<{ id: string }>,
  manifest: EvidenceManifest | null,
  problems: { stale?: number; logProblems?: number } = {},
): string {
  if (selectors.length === 0) return 'No selectors: this hand-over cites no pytest evidence.';
  if (!manifest) return `Not run yet: no evidence for the ${plural(selectors.length, 'selector')}.`;
  const byId = new Map(manifest.selectors.map((s) => [s.id, s]));
  const ran = selectors.flatMap(({ id }) => (byId.has(id) ? [byId.get(id)!] : []));
  const asExpected = ran.filter((s) => s.met);
  const kinds = [
    plural(asExpected.filter((s) => s.expect === 'fail').length, 'known failure'),
    plural(asExpected.filter((s) => s.expect === 'skip').length, 'expected skip'),
  ].filter((k) => !k.startsWith('0 '));
  let head = `${asExpected.length} of ${plural(selectors.length, 'selector')} as expected${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}`;
  const unmet = ran.filter((s) => !s.met).map((s) => `${s.id} ${describeOutcome(s.outcome)}${s.expect === 'pass' ? '' : ` (expected ${EXPECTED_WORD[s.expect]})`}`);
  if (unmet.length > 0) head += `; not as expected: ${unmet.join(', ')}`;
  const parts = [head];
  const notRun = selectors.length - ran.length;
  if (notRun > 0) parts.push(`${notRun} not run`);
  if (problems.stale) parts.push(`evidence of ${plural(problems.stale, 'selector')} stale`);
  if (problems.logProblems) parts.push(`${plural(problems.logProblems, 'log')} changed since the run`);
  return `${parts.join('; ')}.`;
}

/** `evidence from <time>, commit <short sha>[ with uncommitted changes]`: where a verdict printed alone came from. */
export function describeEvidenceRun(manifest: EvidenceManifest): string {
  const commit = manifest.repo.commit ? `commit ${manifest.repo.commit.slice(0, 7)}${manifest.repo.dirty ? ' with uncommitted changes' : ''}` : 'not a git repository';
  return `evidence from ${manifest.generated_at}, ${commit}`;
}

/** The verdict with where its evidence came from, for a line printed on its own (run, summary.md, job summary). */
export function formatVerdictLine(selectors: ReadonlyArray<{ id: string }>, manifest: EvidenceManifest | null): string {
  const verdict = formatVerdict(selectors, manifest);
  return manifest && selectors.length > 0 ? `${verdict.slice(0, -1)}; ${describeEvidenceRun(manifest)}.` : verdict;
}
