// A ledger-wide `## Attempts History` made of sections, one per attempt:
//   ### 2026-02-01T08:00Z — triage of the inbox
//   **Action:** Read the two requests and filed the items above.
//
//   **Artifacts:**
//   - `inbox/response_calib.md`
// `ledger append FILE --summary …` without `--item` adds one, newest first when the sections run
// that way (or the history heading says so), else at the end. Pure.
import type { List, RootContent } from 'mdast';
import { formatCodeSpan, formatTimeLike, isNewestFirst, type ParsedEntry } from './ledger-entries.js';
import type { HistorySection } from './ledger-items.js';
import { detectEol, endOffset, findLineEnd, findLineStart, findLineStarts, headingSource, startOffset } from './markdown.js';

export interface SectionOptions {
  summary: string;
  artifacts: string[];
  time: Date;
  /** The section's title; default: the summary's first sentence. */
  label?: string;
}

export function appendSection(text: string, history: HistorySection, options: SectionOptions): { text: string; existing: boolean; line: number } {
  const eol = detectEol(text);
  const sections = history.sections;
  const sample = sections.find((s) => s.time !== null)?.time ?? null;
  const time = formatTimeLike(options.time, sample);
  const summary = fold(options.summary);
  const title = options.label ? fold(options.label) : firstSentence(summary);
  const hashes = '#'.repeat(history.heading.depth + 1);
  const marker = artifactMarker(text, sections.flatMap((s) => s.body));

  const day = time.slice(0, 10);
  for (const s of sections) {
    if (s.time?.slice(0, 10) !== day || s.title !== title) continue;
    const body = s.body.map((n) => text.slice(startOffset(n), endOffset(n))).join('\n');
    const action = /\*\*Action:\*\*\s*([^\r\n]*)/.exec(body)?.[1]?.trim() ?? '';
    const listed = [...body.matchAll(/^[ \t]*[-*+][ \t]+(`+) ?(.*?) ?\1[ \t]*$/gm)].map((m) => m[2]);
    if (action === summary && listed.join('\n') === options.artifacts.join('\n')) {
      return { text, existing: true, line: s.heading.position?.start.line ?? 0 };
    }
  }

  const block = [`${hashes} ${time} — ${title}`, `**Action:** ${summary}`];
  if (options.artifacts.length > 0) block.push('', '**Artifacts:**', ...options.artifacts.map((a) => `${marker}${formatCodeSpan(a)}`));
  const times: ParsedEntry[] = sections.map((s) => ({ style: 'timestamped', number: null, date: s.time?.slice(0, 10) ?? null, time: s.time, label: null, rest: '' }));
  const first = sections[0];
  if (first && isNewestFirst(headingSource(text, history.heading), times)) {
    const at = findLineStart(text, startOffset(first.heading));
    return { text: text.slice(0, at) + [...block, '', ''].join(eol) + text.slice(at), existing: false, line: lineAt(text, at) };
  }
  const lastSection = sections[sections.length - 1];
  const lastNode: RootContent = lastSection ? (lastSection.body[lastSection.body.length - 1] ?? lastSection.heading) : (history.intro[history.intro.length - 1] ?? history.heading);
  const at = findLineEnd(text, endOffset(lastNode));
  // A file that ends without a newline keeps ending without one.
  const noFinalEol = at === text.length && text !== '' && !/[\r\n]$/.test(text);
  let inserted = noFinalEol ? `${eol}${eol}${block.join(eol)}` : `${eol}${block.join(eol)}${eol}`;
  // Keep a blank line between the new section and whatever follows it.
  if (at < text.length && !/^(?:\r\n|\r|\n)/.test(text.slice(at))) inserted += eol;
  return { text: text.slice(0, at) + inserted + text.slice(at), existing: false, line: lineAt(text, at) + (noFinalEol ? 2 : 1) };
}

function fold(s: string): string {
  return s.replace(/\s*[\r\n]\s*/g, ' ').trim();
}

/** Up to the first sentence end, without its period; at most 72 characters, cut at a word. */
function firstSentence(summary: string): string {
  const sentence = (/^(.+?[.!?])(?:\s|$)/.exec(summary)?.[1] ?? summary).replace(/\.$/, '');
  if (sentence.length <= 72) return sentence;
  const cut = sentence.slice(0, 72);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40))}…`;
}

function artifactMarker(text: string, nodes: RootContent[]): string {
  const list = nodes.find((n): n is List => n.type === 'list');
  const li = list?.children[0];
  if (!li) return '- ';
  const start = startOffset(li);
  return /^([*+-])[ \t]+/.exec(text.slice(start))?.[0] ?? '- ';
}

function lineAt(text: string, offset: number): number {
  const starts = findLineStarts(text);
  let line = 1;
  while (line < starts.length && starts[line]! <= offset) line++;
  return line;
}
