// Where the tables of a Markdown file are, cell by cell, as source offsets. Two readers give
// the same answer:
// - the fast one: markdown-it's block parser (CommonMark + GFM tables; fences, indented code
//   and HTML blocks are skipped exactly as a renderer would) says which lines are table rows
//   (its table rule, emitting a token per table rather than per cell: table-rows-rule.ts),
//   then each row line is split into cells by the GFM rule (unescaped `|`; `\|` and `\\` are
//   escapes) and checked against the cells markdown-it reads in it. micromark on a 5,000-row plan
//   takes seconds; this takes tens of milliseconds.
// - the reference one: mdast (micromark + GFM table), whose nodes carry exact offsets. It is
//   used when a table sits inside a blockquote or list (row lines carry container prefixes),
//   or when the two splits ever disagree.
// Task-list items (find-tasks.ts) are found in the same pass by both readers.
import type { Heading, Root, Table, TableCell } from 'mdast';
import MarkdownIt from 'markdown-it';
import { findTasksInTree, readTaskToken, type RawTask } from './find-tasks.js';
import { endOffset, findLineStarts, headingSource, maskBom, startOffset, walkNodes, type CellSpan } from './markdown.js';
import { markdownItCells, tableRows, type TableMeta } from './table-rows-rule.js';

export type { RawTask } from './find-tasks.js';

export interface RawTable {
  /** 1-based line of the header row. */
  line: number;
  /** Source of the nearest heading above, '' if none. */
  heading: string;
  header: CellSpan[];
  rows: { line: number; cells: CellSpan[] }[];
}

/** What a plan's checklists are made of: its tables and its task-list items, in document order. */
export interface RawBlocks {
  tables: RawTable[];
  tasks: RawTask[];
}

export function findTables(text: string): RawTable[] {
  return findBlocks(text).tables;
}

export function findBlocks(text: string): RawBlocks {
  return findBlocksFast(text) ?? findBlocksMdast(text);
}

let referenceParser: ((text: string) => Root) | undefined;

/**
 * Loads the reference reader's parser (micromark costs start-up time a render should not pay
 * for plans the fast reader handles). The plan commands call this before reading; the brief
 * calls it only for a file the fast reader declines (see needsReferenceParser).
 */
export async function loadReferenceParser(): Promise<void> {
  referenceParser ??= (await import('./mdast-parse.js')).parseMarkdown;
}

/** True when findBlocks(text) will need the reference parser. */
export function needsReferenceParser(text: string): boolean {
  return findBlocksFast(text) === null;
}

let md: MarkdownIt | undefined;
// The commands ask needsReferenceParser, then read: the second call on the same text is free.
let lastFast: { text: string; blocks: RawBlocks | null } | undefined;

/** null when a table needs the reference reader. */
export function findTablesFast(text: string): RawTable[] | null {
  return findBlocksFast(text)?.tables ?? null;
}

/** null when a table or task item needs the reference reader. */
export function findBlocksFast(text: string): RawBlocks | null {
  if (lastFast?.text !== text) lastFast = { text, blocks: readBlocksFast(text) };
  return lastFast.blocks;
}

function blockParser(): MarkdownIt {
  const parser = new MarkdownIt('commonmark').enable('table');
  // The same table rule, the same place among the rules, the same rules it may interrupt.
  parser.block.ruler.at('table', tableRows, { alt: ['paragraph', 'reference'] });
  return parser;
}

function readBlocksFast(text: string): RawBlocks | null {
  md ??= blockParser();
  // markdown-it's block rules expect LF; every CRLF/CR becomes one LF, so line numbers agree.
  const normalised = maskBom(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);
  const tokens = blockTokens(md, normalised);
  const lineStarts = findLineStarts(text);
  const tables: RawTable[] = [];
  const tasks: RawTask[] = [];
  let heading = '';
  let items = 0;
  let quotes = 0;
  let normalisedLines: string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const type = t.type;
    if (type === 'table_open') {
      if (t.level > 0) return null;
      // Its lines: the header row, the delimiter row, then every line to the end is a body row.
      const [first, end] = t.map!;
      const table: RawTable = { line: first + 1, heading, header: [], rows: [] };
      const { columns } = t.meta as TableMeta;
      for (let line = first + 1; line <= end; line++) {
        if (line === first + 2) continue;
        const cells = splitRow(text, lineStarts, line);
        if (rowNeedsCheck(text, lineStarts, line)) {
          normalisedLines ??= normalised.split('\n');
          const expected = markdownItCells(normalisedLines[line - 1]!, columns);
          for (let c = 0; c < columns; c++) if (!sameCell(text, cells[c], expected[c]!)) return null;
        }
        if (line === first + 1) table.header = cells;
        else table.rows.push({ line, cells });
      }
      tables.push(table);
    } else if (type === 'list_item_open') {
      items++;
      const paragraph = tokens[i + 1];
      const inline = tokens[i + 2];
      if (paragraph?.type === 'paragraph_open' && inline?.type === 'inline' && paragraph.map) {
        const task = readTaskToken(text, lineStarts, inline.content, paragraph.map[0] + 1, paragraph.map[1], items - 1, heading);
        // Container prefixes of a blockquote are the reference reader's job, as for tables.
        if (task === 'decline' || (task && quotes > 0)) return null;
        if (task) tasks.push(task);
      }
    } else if (type === 'list_item_close') items--;
    else if (type === 'blockquote_open') quotes++;
    else if (type === 'blockquote_close') quotes--;
    else if (type === 'heading_open') heading = tokens[i + 1]?.content.trim() ?? '';
  }
  return { tables, tasks };
}

function blockTokens(parser: MarkdownIt, src: string): ReturnType<MarkdownIt['parse']> {
  // Block rules only: inline parsing of every cell is most of markdown-it's time and the
  // cells' Markdown is not needed to find them.
  const tokens: ReturnType<MarkdownIt['parse']> = [];
  parser.block.parse(src, parser, {}, tokens);
  return tokens;
}

/**
 * Whether the GFM reading of a row line and markdown-it's can differ: only where a pipe follows
 * two backslashes (GFM: an escaped backslash, then a cell border; markdown-it: an escaped pipe),
 * or where a cell is padded with a blank other than a space or tab (markdown-it trims every
 * Unicode blank). A row without either splits at the same pipes, into the same trimmed cells.
 */
function rowNeedsCheck(text: string, lineStarts: number[], line: number): boolean {
  return RISKY_ROW.test(text.slice(lineStarts[line - 1] ?? 0, lineStarts[line] ?? text.length));
}

const RISKY_ROW = /\\\\\||[\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** The cells of one row line, by the GFM rule, as trimmed content spans. */
function splitRow(text: string, lineStarts: number[], line: number): CellSpan[] {
  const from = lineStarts[line - 1] ?? 0;
  let to = lineStarts[line] ?? text.length;
  while (to > from && (text[to - 1] === '\n' || text[to - 1] === '\r')) to--;
  const pipes: number[] = [];
  for (let p = text.indexOf('|', from); p !== -1 && p < to; p = text.indexOf('|', p + 1)) {
    // GFM: `\\` is an escaped backslash and `\|` an escaped pipe, read left to right, so a
    // pipe is escaped exactly when an odd run of backslashes precedes it.
    let k = 0;
    while (p - k - 1 >= from && text.charCodeAt(p - k - 1) === 92) k++;
    if (k % 2 === 0) pipes.push(p);
  }
  const isBlank = (a: number, b: number): boolean => {
    for (let i = a; i < b; i++) if (text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\uFEFF') return false;
    return true;
  };
  const bounds = [from - 1, ...pipes, to];
  // A leading pipe has only indentation before it; a trailing one only spaces after it.
  if (pipes.length > 0 && isBlank(from, pipes[0]!)) bounds.shift();
  if (pipes.length > 0 && bounds.length > 1 && isBlank(pipes[pipes.length - 1]! + 1, to)) bounds.pop();
  const cells: CellSpan[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    let start = bounds[k]! + 1;
    let end = bounds[k + 1]!;
    while (start < end && (text[start] === ' ' || text[start] === '\t' || text[start] === '\uFEFF')) start++;
    while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    if (start === end) {
      // Empty cell: content goes after the opening pipe and one space of padding.
      start = bounds[k]! + 1;
      if (text[start] === ' ' || text[start] === '\t') start++;
      end = start;
    }
    cells.push({ start, end, line, col: start - from + 1 });
  }
  return cells;
}

/** markdown-it pads short rows with empty cells and cuts long ones; compare what both have. */
function sameCell(text: string, cell: CellSpan | undefined, expected: string): boolean {
  const want = expected.trim();
  if (!cell) return want === '';
  const length = cell.end - cell.start;
  if (length === want.length && text.startsWith(want, cell.start)) return true;
  // markdown-it drops the backslash of `\|`; compare the unescaped form.
  return text.slice(cell.start, cell.end).replace(/\\\|/g, '|') === want;
}

export function findTablesMdast(text: string): RawTable[] {
  return findBlocksMdast(text).tables;
}

/** The reference reader: every table and task item in the mdast tree, wherever it is nested. */
export function findBlocksMdast(text: string): RawBlocks {
  if (!referenceParser) throw new Error('the reference Markdown parser is not loaded: await loadReferenceParser() first');
  const tables: RawTable[] = [];
  let heading = '';
  const root = referenceParser(text);
  for (const node of walkNodes(root)) {
    if (node.type === 'heading') heading = headingSource(text, node as Heading);
    if (node.type !== 'table') continue;
    const [header, ...body] = (node as Table).children;
    if (!header) continue;
    tables.push({
      line: header.position?.start.line ?? 0,
      heading,
      header: header.children.map((cell) => cellSpan(text, cell)),
      rows: body.map((row) => ({ line: row.position?.start.line ?? 0, cells: row.children.map((cell) => cellSpan(text, cell)) })),
    });
  }
  return { tables, tasks: findTasksInTree(text, root) };
}

/**
 * The parser's cell position includes the leading pipe (and, for the last cell, the closing
 * pipe and trailing spaces); the children's positions bracket exactly the content.
 */
function cellSpan(text: string, cell: TableCell): CellSpan {
  const first = cell.children[0];
  const last = cell.children[cell.children.length - 1];
  if (first && last) {
    return { start: startOffset(first), end: endOffset(last), line: first.position?.start.line ?? 0, col: first.position?.start.column ?? 0 };
  }
  let start = startOffset(cell);
  if (text[start] === '|') start++;
  if (text[start] === ' ' || text[start] === '\t') start++;
  const col = (cell.position?.start.column ?? 0) + (start - startOffset(cell));
  return { start, end: start, line: cell.position?.start.line ?? 0, col };
}
