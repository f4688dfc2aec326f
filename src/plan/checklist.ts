// Checklist tables in plan files: every GFM table whose header has an `ID` and a `State`
// column (the house format is `| ID | Task Description | State | How/Why & Guidance |`).
// Pure: text in, tables out, with the source offsets that `plan mark` needs to rewrite a
// single cell. Offsets are UTF-16 indexes into the text that was parsed.
import type { Heading, Table, TableCell, TableRow } from 'mdast';
import { endOffset, parseMarkdown, startOffset, walkNodes } from './markdown.js';

/** The text inside the brackets of a State cell: `[x]` done, `[P]` partial, `[ ]` open. */
export type ChecklistState = 'x' | 'P' | ' ';

/** Where a cell's content sits in the source. An empty cell has start === end. */
export interface CellSpan {
  start: number;
  end: number;
  line: number;
  /** 1-based column of `start`. */
  col: number;
}

export interface ChecklistRow {
  /** The ID cell, trimmed, with `\|` unescaped. */
  id: string;
  /** null when the row has no State cell or the cell is not `[ ]`, `[x]` or `[P]`. */
  state: ChecklistState | null;
  /** The State cell's source text as written (`[x]`, `done`, `` when missing). */
  stateText: string;
  /** The task cell's Markdown source, `\|` unescaped; '' when the table has no task column. */
  task: string;
  /** The guidance cell's Markdown source, `\|` unescaped; '' when absent. */
  guidance: string;
  /** 1-based line of the row. */
  line: number;
  /** Source spans of the cells `plan mark` rewrites; null when the row lacks that cell. */
  cells: { id: CellSpan | null; state: CellSpan | null; guidance: CellSpan | null };
}

export interface ChecklistTable {
  /** 1-based index among the checklist tables of the file (other tables are not counted). */
  index: number;
  /** 1-based line of the header row. */
  line: number;
  /** Text of the nearest heading above the table, '' if none (e.g. `Phase D — Handoff Package`). */
  heading: string;
  /** Header cell texts, in order. */
  columns: string[];
  /** Column indexes of the recognised columns (-1 when absent; id and state always exist). */
  columnIndex: { id: number; state: number; task: number; guidance: number };
  rows: ChecklistRow[];
}

const STATE_TEXT = /^\[([ xXpP])\]$/;

export function parseChecklists(text: string): ChecklistTable[] {
  const tables: ChecklistTable[] = [];
  let heading = '';
  for (const node of walkNodes(parseMarkdown(text))) {
    if (node.type === 'heading') heading = readSource(text, node as Heading);
    if (node.type !== 'table') continue;
    const table = readChecklistTable(text, node as Table, tables.length + 1, heading);
    if (table) tables.push(table);
  }
  return tables;
}

/** Turns `[x]`-style source into a state, or null when it is not one of the three. */
export function readState(source: string): ChecklistState | null {
  const m = STATE_TEXT.exec(source.trim());
  if (!m) return null;
  const c = m[1]!;
  return c === 'x' || c === 'X' ? 'x' : c === 'p' || c === 'P' ? 'P' : ' ';
}

function readChecklistTable(text: string, table: Table, index: number, heading: string): ChecklistTable | null {
  const [header, ...body] = table.children;
  if (!header) return null;
  const columns = header.children.map((cell) => unescapePipes(readCellSpan(text, cell).source));
  const find = (re: RegExp): number => columns.findIndex((c) => re.test(c));
  const id = find(/^id$/i);
  const state = find(/^state$/i);
  if (id === -1 || state === -1) return null;
  const guidance = find(/guidance|how\s*\/\s*why|^notes?$/i);
  let task = find(/task|description/i);
  if (task === -1) task = columns.findIndex((_, i) => i !== id && i !== state && i !== guidance);
  const columnIndex = { id, state, task, guidance };
  const rows = body
    .map((row) => readRow(text, row, columnIndex))
    .filter((row): row is ChecklistRow => row !== null);
  return { index, line: header.position?.start.line ?? 0, heading, columns, columnIndex, rows };
}

function readRow(text: string, row: TableRow, at: ChecklistTable['columnIndex']): ChecklistRow | null {
  const span = (i: number): CellSpan | null => {
    const cell = i >= 0 ? row.children[i] : undefined;
    if (!cell) return null;
    const { start, end, line, col } = readCellSpan(text, cell);
    return { start, end, line, col };
  };
  const source = (s: CellSpan | null): string => (s ? unescapePipes(text.slice(s.start, s.end)) : '');
  const idSpan = span(at.id);
  const id = source(idSpan);
  // A row without an id cannot be named on the command line; it is not a checklist row.
  if (id === '') return null;
  const stateSpan = span(at.state);
  const stateText = source(stateSpan);
  return {
    id,
    state: readState(stateText),
    stateText,
    task: source(span(at.task)),
    guidance: source(span(at.guidance)),
    line: row.position?.start.line ?? 0,
    cells: { id: idSpan, state: stateSpan, guidance: span(at.guidance) },
  };
}

/**
 * The content of a cell without its pipes and padding. The parser's cell position includes
 * the leading pipe (and, for the last cell, the closing pipe and trailing spaces); the
 * children's positions bracket exactly the content, escaped `\|` included.
 */
function readCellSpan(text: string, cell: TableCell): CellSpan & { source: string } {
  const first = cell.children[0];
  const last = cell.children[cell.children.length - 1];
  let start: number;
  let end: number;
  if (first && last) {
    start = startOffset(first);
    end = endOffset(last);
  } else {
    // Empty cell: the content goes after the opening pipe and one space of padding.
    start = startOffset(cell);
    if (text[start] === '|') start++;
    if (text[start] === ' ' || text[start] === '\t') start++;
    end = start;
  }
  const pos = first?.position?.start ?? cell.position?.start;
  const line = pos?.line ?? 0;
  const col = first ? (pos?.column ?? 0) : (cell.position?.start.column ?? 0) + (start - startOffset(cell));
  return { start, end, line, col, source: text.slice(start, end) };
}

function readSource(text: string, node: Heading): string {
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  return first && last ? text.slice(startOffset(first), endOffset(last)).trim() : '';
}

function unescapePipes(s: string): string {
  return s.replace(/\\\|/g, '|').trim();
}
