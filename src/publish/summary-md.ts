// The `summary.md` that `publish` puts in the artifact folder, per the plans' artifact discipline:
// the verdict, each artifact with a line saying what it is, the plan rows it marked and the ledger
// entry it appended. Pure and deterministic: publishing the same evidence again gives the same
// bytes. Its first line names the brief, so a later publish can tell its own folder from another
// hand-over's.
import { readFile } from 'node:fs/promises';
import { handoverBriefId, handoverMarker } from '../evidence/handover-marker.js';
import { formatCell, formatCode } from '../text/markdown-format.js';

export interface SummaryArtifact {
  /** Relative to the artifact folder. */
  path: string;
  description: string;
}

export interface SummaryMdOptions {
  briefId: string;
  title: string;
  verdict: string;
  /** When the hand-over was first published to its folder (kept when published again). */
  publishedAt: string;
  artifacts: SummaryArtifact[];
  /** The rows set, as they read after publishing (so publishing again writes the same summary). */
  marks: Array<{ file: string; id: string; to: string; line: number }>;
  ledger: { file: string; item: string | null; entry: string } | null;
}


/** When the hand-over in a folder was published, from its summary.md; null when there is none of this brief's. */
export async function readPublishedAt(summaryPath: string, briefId: string): Promise<string | null> {
  const text = await readFile(summaryPath, 'utf8').catch(() => null);
  if (text === null || handoverBriefId(text) !== briefId) return null;
  return /^\*\*Published:\*\* (\S+)$/m.exec(text)?.[1] ?? null;
}

function link(path: string): string {
  const target = /[\s()<>]/.test(path) ? `<${path}>` : path;
  return `[${formatCode(path)}](${target})`;
}

export function formatSummaryMd(options: SummaryMdOptions): string {
  const lines = [
    handoverMarker(options.briefId),
    '',
    `# Hand-over summary: ${formatCell(options.title)}`,
    '',
    `**Verdict:** ${options.verdict}`,
    '',
    `**Published:** ${options.publishedAt}`,
    '',
    '## Artifacts',
    '',
    ...options.artifacts.map((a) => `- ${link(a.path)} — ${a.description}`),
  ];
  if (options.marks.length > 0) {
    lines.push('', '## Plan rows marked', '', ...options.marks.map((m) => `- ${formatCode(m.file)} line ${m.line}: ${formatCode(m.id)} set to ${formatCode(m.to)}`));
  }
  if (options.ledger) {
    const where = options.ledger.item ? ` under ${formatCode(`[${options.ledger.item}]`)}` : '';
    lines.push('', '## Ledger', '', `- ${formatCode(options.ledger.file)}${where}: ${options.ledger.entry}`);
  }
  return `${lines.join('\n')}\n`;
}
