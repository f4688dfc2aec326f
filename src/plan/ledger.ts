// The attempts ledger (docs/fix_plan.md): items `## [ID] Title`, each a bullet list with an
// `- Attempts History:` entry whose sub-list holds `* [DATE] Attempt #N — SUMMARY Artifacts: …`.
// Pure: finds the item with the Markdown parser and returns the text with one line inserted;
// every other byte (line endings included) is kept.
import type { Heading, List, ListItem, Node, RootContent } from 'mdast';
import { InputError, UsageError } from '../errors.js';
import { editDistance } from '../text/edit-distance.js';
import { detectEol, endOffset, findLineEnd, findLineStart, findLineStarts, startOffset } from './markdown.js';
import { parseMarkdown } from './mdast-parse.js';

export interface LedgerItem {
  id: string;
  title: string;
  line: number;
  heading: Heading;
  /** Top-level nodes of the item, up to the next heading of the same or a higher level. */
  body: RootContent[];
}

export interface AppendAttemptOptions {
  file: string;
  item: string;
  summary: string;
  artifacts: string[];
  /** YYYY-MM-DD, already validated. */
  date: string;
}

export interface AppendAttemptResult {
  text: string;
  attempt: number;
  /** Set when the same entry (date, summary, artifacts) is already there: nothing appended. */
  existing: boolean;
}

const ITEM_HEADING = /^\[([^\]]+)\]\s*(.*)$/;
const ATTEMPT_NUMBER = /Attempt\s*#(\d+)/i;

export function findLedgerItems(text: string): LedgerItem[] {
  const root = parseMarkdown(text);
  const items: LedgerItem[] = [];
  let open: { item: LedgerItem; depth: number } | null = null;
  for (const node of root.children) {
    if (node.type === 'heading') {
      if (open && node.depth <= open.depth) open = null;
      const m = ITEM_HEADING.exec(sourceOf(text, node.children));
      if (m) {
        const item: LedgerItem = { id: m[1]!.trim(), title: m[2] ?? '', line: node.position?.start.line ?? 0, heading: node, body: [] };
        items.push(item);
        open = { item, depth: node.depth };
        continue;
      }
    }
    open?.item.body.push(node);
  }
  return items;
}

/** The entry text after the bullet marker, e.g. `[2025-10-19] Attempt #42 — Summary Artifacts: \`a\``. */
export function formatAttempt(date: string, attempt: number, summary: string, artifacts: string[]): string {
  const oneLine = summary.replace(/\s*[\r\n]\s*/g, ' ').trim();
  const paths = artifacts.map(formatCodeSpan).join(', ');
  return `[${date}] Attempt #${attempt} — ${oneLine}${paths ? ` Artifacts: ${paths}` : ''}`;
}

export function appendAttempt(text: string, options: AppendAttemptOptions): AppendAttemptResult {
  const item = selectItem(findLedgerItems(text), options);
  const eol = detectEol(text);
  const lists = item.body.filter((n): n is List => n.type === 'list');
  const history = findListItem(text, lists, /^attempts history\s*:/i);
  const entries = history ? (history.children.find((c): c is List => c.type === 'list')?.children ?? []) : [];
  const numbers = entries.map((e) => Number(ATTEMPT_NUMBER.exec(sourceOf(text, [e]))?.[1] ?? 0));
  const attempt = Math.max(0, ...numbers) + 1;

  // Re-running the same command must not add the same entry twice.
  const wanted = formatAttempt(options.date, 0, options.summary, options.artifacts);
  const same = entries.findIndex((e) => normaliseEntry(entryContent(text, e)) === normaliseEntry(wanted));
  if (same !== -1) return { text, attempt: numbers[same] ?? 0, existing: true };

  const entry = formatAttempt(options.date, attempt, options.summary, options.artifacts);
  let at: number;
  let lines: string[];
  const last = entries[entries.length - 1];
  if (history && last) {
    at = findLineEnd(text, endOffset(last));
    lines = [`${linePrefix(text, last)}${entry}`];
  } else if (history) {
    at = findLineEnd(text, endOffset(history));
    lines = [`${contentIndent(text, history)}* ${entry}`];
  } else {
    const exit = findListItem(text, lists, /^exit criteria\s*:/i);
    const lastList = lists[lists.length - 1];
    const lastItem = lastList?.children[lastList.children.length - 1];
    const anchor = exit ?? lastItem;
    const bullet = anchor ? linePrefix(text, anchor) : '- ';
    const indent = `${bullet.replace(/\S.*$/, '')}  `;
    lines = [`${bullet}Attempts History:`, `${indent}* ${entry}`];
    if (exit) at = findLineStarts(text)[(exit.position?.start.line ?? 1) - 1] ?? 0;
    else if (lastItem) at = findLineEnd(text, endOffset(lastItem));
    else {
      // No bullet list at all: start one after the item's last block, as a block of its own.
      const lastNode: Node = item.body[item.body.length - 1] ?? item.heading;
      at = findLineEnd(text, endOffset(lastNode));
      if (lastNode !== item.heading) lines.unshift('');
    }
  }
  return { text: insertLines(text, at, lines, eol), attempt, existing: false };
}

function selectItem(items: LedgerItem[], options: AppendAttemptOptions): LedgerItem {
  const hits = items.filter((i) => i.id === options.item);
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) {
    const where = hits.map((h) => `${options.file}:${h.line}`).join(', ');
    throw new InputError([{ file: options.file, line: hits[1]!.line, col: 1, path: options.item, message: `item appears more than once: ${where}` }]);
  }
  if (items.length === 0) {
    throw new InputError([{ file: options.file, line: 1, col: 1, path: '', message: 'no ledger items (headings like `## [ID] Title`) in this file' }]);
  }
  const ids = items.map((i) => i.id);
  const closest = [...ids]
    .map((id) => ({ id, d: editDistance(id.toLowerCase(), options.item.toLowerCase()) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((c) => c.id);
  throw new UsageError(`no item [${options.item}] in ${options.file}; closest: ${closest.join(', ')}\nitems: ${ids.join(', ')}`);
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
function contentIndent(text: string, li: ListItem): string {
  const first = li.children[0];
  const col = first?.position?.start.column ?? 3;
  return ' '.repeat(Math.max(2, col - 1));
}

function entryContent(text: string, li: ListItem): string {
  return sourceOf(text, li.children);
}

function normaliseEntry(s: string): string {
  return s.replace(ATTEMPT_NUMBER, 'Attempt #').replace(/\s+/g, ' ').trim();
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

/** A path as a code span that survives backticks inside it (CommonMark: a longer fence). */
export function formatCodeSpan(path: string): string {
  const runs = path.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = runs.length > 0 ? ' ' : '';
  return `${fence}${pad}${path}${pad}${fence}`;
}
