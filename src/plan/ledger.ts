// The attempts ledger (docs/fix_plan.md): items `## [ID] Title` (any heading level), each a
// bullet list with an `- Attempts History:` entry whose sub-list holds the attempts, numbered
// (`* [DATE] Attempt #N — SUMMARY Artifacts: …`) or timestamped (`- *TIME (label):* SUMMARY`).
// Pure: finds the item with the Markdown parser and returns the text with one entry inserted in
// the item's own style, bullet and order; every other byte (line endings included) is kept.
// `publish` calls appendAttempt too: it throws before anything is written.
import type { List, ListItem, Node } from 'mdast';
import { InputError, UsageError, type Problem } from '../errors.js';
import { rankNames } from '../text/edit-distance.js';
import {
  artifactsSeparator,
  detectStyle,
  endsWithPeriod,
  formatEntry,
  isNewestFirst,
  isSameEntry,
  parseEntry,
  type EntryStyle,
  type NewEntry,
  type ParsedEntry,
} from './ledger-entries.js';
import { readLedger, type BrokenHeading, type LedgerDoc, type LedgerItem } from './ledger-items.js';
import { appendSection } from './ledger-sections.js';
import { detectEol, endOffset, findLineEnd, findLineStart, findLineStarts, startOffset } from './markdown.js';
import { parseMarkdown } from './mdast-parse.js';

export { formatCodeSpan } from './ledger-entries.js';

export interface AppendAttemptOptions {
  /** The file name used in messages. */
  file: string;
  /** The item; leave it out to add a `### <time> — <title>` section to a top-level `## Attempts History`. */
  item?: string;
  summary: string;
  artifacts: string[];
  /** The brief inside the artifact folder listed, cited after it (publish). */
  brief?: string;
  /** YYYY-MM-DD of a numbered entry, already validated. */
  date: string;
  /** The time of a timestamped entry or a history section (UTC); those styles need it. */
  time?: Date;
  /** Names a timestamped entry (`*TIME (label):*`) or titles a history section. */
  label?: string;
}

export interface AppendAttemptResult {
  text: string;
  /** The attempt number of a numbered entry (new or found); null for the other styles. */
  attempt: number | null;
  style: EntryStyle | 'section';
  /** Set when the same entry is already there: nothing appended. */
  existing: boolean;
  /** 1-based line of the entry added (or found). */
  line: number;
  /** Not fatal: broken item headings elsewhere, a label the style has no place for. */
  warnings: Problem[];
}

/** The 0.1.0 entry text after the bullet marker, e.g. `[2025-10-19] Attempt #42 — Summary Artifacts: \`a\``. */
export function formatAttempt(date: string, attempt: number, summary: string, artifacts: string[]): string {
  return formatEntry({ date, summary, artifacts }, { style: 'numbered', number: attempt, timeSample: null, period: false });
}

export function appendAttempt(text: string, options: AppendAttemptOptions): AppendAttemptResult {
  const doc = readLedger(text, parseMarkdown(text));
  if (options.item === undefined) {
    if (!doc.history) {
      throw new UsageError(`--item: ${options.file} has no top-level "## Attempts History" section to add to; name the item with --item ID`);
    }
    if (!options.time) throw new UsageError('a history section needs its time: give it with --now (--date sets only the date of a numbered entry)');
    // A section lists its artifacts one per line: the brief is one of them.
    const artifacts = options.brief !== undefined ? [...options.artifacts, options.brief] : options.artifacts;
    const added = appendSection(text, doc.history, { ...options, artifacts, time: options.time });
    return { ...added, attempt: null, style: 'section', warnings: doc.broken.map((b) => brokenWarning(options.file, b)) };
  }
  const item = selectItem(doc, options.file, options.item);
  const warnings = doc.broken.map((b) => brokenWarning(options.file, b));
  const appended = appendToItem(text, doc, item, options);
  if (options.label && appended.style === 'numbered') {
    warnings.push({ file: options.file, line: item.line, col: 1, path: `[${item.id}]`, message: '--label is not used: this item numbers its attempts, and only timestamped entries carry a label' });
  }
  return { ...appended, warnings };
}

type ItemAppend = Omit<AppendAttemptResult, 'warnings'>;

function appendToItem(text: string, doc: LedgerDoc, item: LedgerItem, options: AppendAttemptOptions): ItemAppend {
  const eol = detectEol(text);
  const lists = item.body.filter((n): n is List => n.type === 'list');
  const history = findListItem(text, lists, /^attempts history\b[^:\n]*:/i);
  const entries = history ? (history.children.find((c): c is List => c.type === 'list')?.children ?? []) : [];
  const parsed = entries.map((e) => parseEntry(sourceOf(text, e.children)));
  const style = detectStyle(parsed) ?? fileStyle(text, doc);
  const numbers = parsed.map((p) => p.number).filter((n): n is number => n !== null);
  const attempt = numbers.length > 0 ? Math.max(...numbers) + 1 : numbersFromZero(text, doc) ? 0 : 1;
  if (style === 'timestamped' && !options.time) {
    throw new UsageError(`[${item.id}] has timestamped entries: give the time with --now (--date sets only the date of a numbered entry)`);
  }
  const newEntry: NewEntry = { date: style === 'timestamped' ? options.time!.toISOString().slice(0, 10) : options.date, time: options.time, label: options.label, summary: options.summary, artifacts: options.artifacts, brief: options.brief };
  const sample = parsed.find((p) => p.time !== null)?.time ?? null;
  // Punctuation as the item's entries write it, else as the file's do.
  const beside = (entries.length > 0 ? entries : allEntries(text, doc).flat().map((e) => e.node)).map((e) => sourceOf(text, e.children));
  const format = { style, number: attempt, timeSample: sample, period: endsWithPeriod(beside), separator: artifactsSeparator(beside) };

  // Re-running the same command must not add the same entry twice.
  const wanted = parseEntry(formatEntry(newEntry, { ...format, number: 0 }));
  const same = parsed.findIndex((p) => isSameEntry(p, wanted));
  if (same !== -1) {
    return { text, attempt: parsed[same]!.number, style, existing: true, line: entries[same]!.position?.start.line ?? 0 };
  }

  const entry = formatEntry(newEntry, format);
  const number = style === 'numbered' ? attempt : null;
  const newestFirst = history !== undefined && isNewestFirst(`${item.title} ${sourceOf(text, history.children.slice(0, 1))}`, parsed);
  const first = entries[0];
  const last = entries[entries.length - 1];
  if (history && first && newestFirst) {
    const at = findLineStart(text, startOffset(first));
    return { text: insertLines(text, at, [`${linePrefix(text, first)}${entry}`], eol), attempt: number, style, existing: false, line: lineOf(text, at) };
  }
  if (history && last) {
    const at = findLineEnd(text, endOffset(last));
    return { text: insertLines(text, at, [`${linePrefix(text, last)}${entry}`], eol), attempt: number, style, existing: false, line: lineOf(text, at) };
  }
  const marker = fileEntryMarker(text, doc);
  if (history) {
    const at = findLineEnd(text, endOffset(history));
    return { text: insertLines(text, at, [`${contentIndent(history)}${marker}${entry}`], eol), attempt: number, style, existing: false, line: lineOf(text, at) };
  }
  const exit = findListItem(text, lists, /^exit criteria\s*:/i);
  const lastList = lists[lists.length - 1];
  const lastItem = lastList?.children[lastList.children.length - 1];
  const anchor = exit ?? lastItem;
  const bullet = anchor ? linePrefix(text, anchor) : '- ';
  const indent = `${bullet.replace(/\S.*$/, '')}${fileSubIndent(text, doc) ?? '  '}`;
  const lines = [`${bullet}Attempts History:`, `${indent}${marker}${entry}`];
  let at: number;
  if (exit) at = findLineStarts(text)[(exit.position?.start.line ?? 1) - 1] ?? 0;
  else if (lastItem) at = findLineEnd(text, endOffset(lastItem));
  else {
    // No bullet list at all: start one after the item's last block, as a block of its own.
    const lastNode: Node = item.body[item.body.length - 1] ?? item.heading;
    at = findLineEnd(text, endOffset(lastNode));
    if (lastNode !== item.heading) lines.unshift('');
  }
  const line = lineOf(text, at) + lines.length - 1;
  return { text: insertLines(text, at, lines, eol), attempt: number, style, existing: false, line };
}

function selectItem(doc: LedgerDoc, file: string, id: string): LedgerItem {
  const hits = doc.items.filter((i) => i.id === id);
  // A broken heading of this very item, or one inside it, would put the entry in the wrong place.
  const own = doc.broken.filter((b) => b.id === id);
  const inside = hits.length === 1 ? doc.broken.filter((b) => b.id !== id && isInside(doc, hits[0]!, b)) : [];
  if (own.length > 0 || inside.length > 0) {
    throw new InputError([
      ...own.map((b) => ({ file, line: b.line, col: 1, path: `[${b.id}]`, message: `the heading of this item is broken (${b.why}), so Markdown reads it as text; make the line read "${b.fixed}" and run again` })),
      ...inside.map((b) => ({ file, line: b.line, col: 1, path: `[${b.id}]`, message: `this line is not a heading (${b.why}), so its lines belong to [${id}] and the entry could land in the wrong item; make it read "${b.fixed}" and run again` })),
    ]);
  }
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) {
    const where = hits.map((h) => `${file}:${h.line}`).join(', ');
    throw new InputError([{ file, line: hits[1]!.line, col: 1, path: id, message: `item appears more than once: ${where}` }]);
  }
  if (doc.items.length === 0) {
    throw new InputError([{ file, line: 1, col: 1, path: '', message: 'no ledger items (headings like `## [ID] Title`) in this file' }]);
  }
  const ids = doc.items.map((i) => i.id);
  const closest = rankNames(id, ids, { maxDistance: Infinity }).slice(0, 3);
  throw new UsageError(`no item [${id}] in ${file}; closest: ${closest.join(', ')}\nitems: ${ids.join(', ')}`);
}

function isInside(doc: LedgerDoc, item: LedgerItem, broken: BrokenHeading): boolean {
  const next = doc.items.find((i) => i.line > item.line);
  const end = item.body[item.body.length - 1]?.position?.end.line ?? item.line;
  return broken.line > item.line && broken.line <= end && (!next || broken.line < next.line);
}

function brokenWarning(file: string, b: BrokenHeading): Problem {
  return { file, line: b.line, col: 1, path: `[${b.id}]`, message: `this line is not a heading (${b.why}), so [${b.id}] is not an item; make it read "${b.fixed}"` };
}

/** The style of the file's other items (timestamped when more items use it), numbered by default. */
function fileStyle(text: string, doc: LedgerDoc): EntryStyle {
  let stamped = 0;
  let numbered = 0;
  for (const entries of allEntries(text, doc)) {
    const style = detectStyle(entries.map((e) => e.parsed));
    if (style === 'timestamped') stamped++;
    if (style === 'numbered') numbered++;
  }
  return stamped > numbered ? 'timestamped' : 'numbered';
}

function numbersFromZero(text: string, doc: LedgerDoc): boolean {
  return allEntries(text, doc).some((entries) => entries.some((e) => e.parsed.number === 0));
}

/** The bullet of the file's existing entries (`* ` in 0.1.0 ledgers, `- ` in newer ones). */
function fileEntryMarker(text: string, doc: LedgerDoc): string {
  for (const entries of allEntries(text, doc)) {
    const first = entries[0];
    if (first) return linePrefix(text, first.node).trimStart();
  }
  return '* ';
}

/** How far the file's attempt entries sit inside their `Attempts History:` bullet, if it has any. */
function fileSubIndent(text: string, doc: LedgerDoc): string | undefined {
  for (const item of doc.items) {
    const lists = item.body.filter((n): n is List => n.type === 'list');
    const history = findListItem(text, lists, /^attempts history\b[^:\n]*:/i);
    const entry = history?.children.find((c): c is List => c.type === 'list')?.children[0];
    if (!history || !entry) continue;
    const lead = (node: ListItem): number => /^\s*/.exec(linePrefix(text, node))![0].length;
    const depth = lead(entry) - lead(history);
    if (depth >= 2) return ' '.repeat(depth);
  }
  return undefined;
}

function allEntries(text: string, doc: LedgerDoc): { node: ListItem; parsed: ParsedEntry }[][] {
  return doc.items.map((item) => {
    const lists = item.body.filter((n): n is List => n.type === 'list');
    const history = findListItem(text, lists, /^attempts history\b[^:\n]*:/i);
    const entries = history?.children.find((c): c is List => c.type === 'list')?.children ?? [];
    return entries.map((node) => ({ node, parsed: parseEntry(sourceOf(text, node.children)) }));
  });
}

function findListItem(text: string, lists: List[], label: RegExp): ListItem | undefined {
  for (const list of lists) {
    for (const li of list.children) {
      const first = li.children[0];
      if (first && label.test(sourceOf(text, [first]).replace(/^[*_]+/, ''))) return li;
    }
  }
  return undefined;
}

/** Indent plus bullet marker and its spacing, e.g. `  * `, taken from an existing item. */
function linePrefix(text: string, li: ListItem): string {
  const start = startOffset(li);
  const lineStart = findLineStart(text, start);
  const marker = /^([*+-]|\d+[.)])[ \t]+/.exec(text.slice(start))?.[0] ?? '- ';
  return text.slice(lineStart, start) + marker;
}

/** The indent of a list item's content: where a nested list under it must start. */
function contentIndent(li: ListItem): string {
  const first = li.children[0];
  const col = first?.position?.start.column ?? 3;
  return ' '.repeat(Math.max(2, col - 1));
}

function lineOf(text: string, offset: number): number {
  const starts = findLineStarts(text);
  let line = 1;
  while (line < starts.length && starts[line]! <= offset) line++;
  // At the very end of a file without a final newline, the entry goes on a new line.
  return offset === text.length && text !== '' && !/[\r\n]$/.test(text) ? line + 1 : line;
}

function insertLines(text: string, at: number, lines: string[], eol: string): string {
  // At the end of a file without a final newline, the new line goes after one, not glued on.
  const block = at === text.length && text !== '' && !/[\r\n]$/.test(text) ? `${eol}${lines.join(eol)}` : `${lines.join(eol)}${eol}`;
  return text.slice(0, at) + block + text.slice(at);
}

function sourceOf(text: string, nodes: Node[]): string {
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  return first && last ? text.slice(startOffset(first), endOffset(last)) : '';
}
