// The `summary.md` that `publish` puts in the artifact folder, per the plans' artifact discipline:
// the verdict, each artifact with a line saying what it is, the plan rows it marked and the ledger
// entry it appended. Pure and deterministic: publishing the same evidence again gives the same
// bytes. Its first line names the brief, so a later publish can tell its own folder from another
// hand-over's.
import { formatCell, formatCode } from '../render/format.js';

export interface SummaryArtifact {
  /** Relative to the artifact folder. */
  path: string;
  description: string;
}

export interface SummaryMdOptions {
  briefId: string;
  title: string;
  verdict: string;
  artifacts: SummaryArtifact[];
  /** The rows set, as they read after publishing (so publishing again writes the same summary). */
  marks: Array<{ file: string; id: string; to: string; line: number }>;
  ledger: { file: string; item: string | null; entry: string } | null;
}

export const SUMMARY_MARKER = (briefId: string): string => `<!-- handoff publish: brief ${briefId} -->`;

/** The brief id a summary.md was written for, or null when handoff publish did not write it. */
export function summaryBriefId(text: string): string | null {
  return /^<!-- handoff publish: brief ([a-z0-9_-]+) -->$/m.exec(text)?.[1] ?? null;
}

function link(path: string): string {
  const target = /[\s()<>]/.test(path) ? `<${path}>` : path;
  return `[${formatCode(path)}](${target})`;
}

export function formatSummaryMd(options: SummaryMdOptions): string {
  const lines = [
    SUMMARY_MARKER(options.briefId),
    '',
    `# Hand-over summary: ${formatCell(options.title)}`,
    '',
    `**Verdict:** ${options.verdict}`,
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
