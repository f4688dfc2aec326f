// The job summary `run` and `merge` write for CI (`--summary FILE`, default $GITHUB_STEP_SUMMARY):
// the verdict, one row per selector, and the failure excerpts of the selectors that did not meet
// their expect. It is built from the manifest, never from the logs, and kept under a byte budget
// (GitHub refuses summaries over 1 MiB) whatever the logs hold: excerpts are cut to a size each
// and stop once the budget is reached, with "N of M shown".
//
// Written as Markdown here rather than with @actions/core's `summary`: that writer only appends
// to $GITHUB_STEP_SUMMARY (--summary takes any file), builds HTML tables whose size this module
// could not bound before writing, and would add a dependency for what is a few lines of text.
import type { EvidenceManifest, SelectorEvidence } from '../evidence/manifest.js';
import { describeEvidence } from '../evidence/outcome-words.js';
import { formatCell, formatFence } from '../text/markdown-format.js';

/** GitHub's limit is 1 MiB per step summary; leave room for other steps' summaries. */
export const SUMMARY_BUDGET = 1024 * 1024 - 64 * 1024;
/** No single excerpt takes more than this. */
const EXCERPT_MAX = 8 * 1024;

export interface JobSummaryOptions {
  title: string;
  verdict: string;
  manifest: EvidenceManifest;
  /** Link text for each selector's log (a path relative to where the reader finds the artifacts). */
  logPath: (selector: SelectorEvidence) => string;
  budget?: number;
}

function cutExcerpt(text: string): string {
  if (text.length <= EXCERPT_MAX) return text;
  const head = text.slice(0, EXCERPT_MAX / 2);
  const tail = text.slice(-EXCERPT_MAX / 2);
  return `${head}\n… ${text.length - EXCERPT_MAX} characters omitted …\n${tail}`;
}

export function formatJobSummary(options: JobSummaryOptions): string {
  const budget = options.budget ?? SUMMARY_BUDGET;
  const { manifest } = options;
  const lines = [
    `## ${formatCell(options.title)}`,
    '',
    `**${options.verdict}**`,
    '',
    '| | Selector | Evidence | Log |',
    '| --- | --- | --- | --- |',
    ...manifest.selectors.map((s) => `| ${s.met ? '✓' : '✗'} | ${formatCell(s.id)}${s.shard ? ` (shard ${s.shard})` : ''} | ${formatCell(describeEvidence(s).replace(/^[✓✗] /, ''))}${s.runtime_findings.length ? `; ${formatCell(s.runtime_findings.join('; '))}` : ''} | ${formatCell(options.logPath(s))} |`),
    '',
  ];
  let text = `${lines.join('\n')}\n`;
  const unmet = manifest.selectors.filter((s) => !s.met);
  const total = unmet.reduce((n, s) => n + s.failures.length, 0);
  if (total === 0) return text;
  const blocks: string[] = [];
  let shown = 0;
  const closing = (n: number): string => `\n_${n} of ${total} failure excerpts shown; the full logs are in the run's artifacts._\n`;
  let size = Buffer.byteLength(text) + Buffer.byteLength(closing(total)) + 64;
  outer: for (const s of unmet) {
    for (const f of s.failures) {
      // A timeout or a crash records the test without a traceback: the log holds the rest.
      const body = f.excerpt.trim() === '' ? `No traceback was recorded; see the log ${formatCell(options.logPath(s))}.` : formatFence(cutExcerpt(f.excerpt));
      const block = `\n<details><summary>${escapeHtml(s.id)}: ${escapeHtml(f.nodeid)}: ${escapeHtml(f.message.slice(0, 200))}</summary>\n\n${body}\n\n</details>\n`;
      const bytes = Buffer.byteLength(block);
      if (size + bytes > budget) break outer;
      blocks.push(block);
      size += bytes;
      shown++;
    }
  }
  // The table ends with a blank line already: one, not two, before the heading (markdownlint MD012).
  text += `### Failures\n${blocks.join('')}${closing(shown)}`;
  return text;
}

/** Text inside <summary>: HTML there is markup, so `<`, `>` and `&` are entities. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s+/g, ' ');
}
