// Checklist tables in plan files: every GFM table whose header has an `ID` and a `State`
// column (the house format is `| ID | Task Description | State | How/Why & Guidance |`).
// Pure: text in, tables out, with the source offsets that `plan mark` needs to rewrite a
// single cell. Offsets are UTF-16 indexes into the text that was parsed.
import { findTables, loadReferenceParser, needsReferenceParser, type CellSpan, type RawTable } from './find-tables.js';

export type { CellSpan } from './find-tables.js';

/** The text inside the brackets of a State cell: `[x]` done, `[P]` partial, `[ ]` open. */
export type ChecklistState = 'x' | 'P' | ' ';

export interface ChecklistRow {
  /** The ID cell, trimmed, with `\|` unescaped. */
  id: string;
  /** null when the row has no State cell or the cell is not `[ ]`, `[x]` or `[P]`. */
  state: ChecklistState | null;
  /** The State cell's source text as written (`[x]`, `done`, '' when missing). */
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

/**
 * parseChecklists for callers that can wait: loads the reference Markdown parser first when,
 * and only when, this text needs it.
 */
export async function readChecklists(text: string): Promise<ChecklistTable[]> {
  if (needsReferenceParser(text)) await loadReferenceParser();
  return parseChecklists(text);
}

/** Synchronous: the reference parser must already be loaded if the text needs it. */
export function parseChecklists(text: string): ChecklistTable[] {
  const tables: ChecklistTable[] = [];
  for (const raw of findTables(text)) {
    const table = readChecklistTable(text, raw, tables.length + 1);
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

function readChecklistTable(text: string, raw: RawTable, index: number): ChecklistTable | null {
  const source = (s: CellSpan | null | undefined): string => (s ? unescapePipes(text.slice(s.start, s.end)) : '');
  const columns = raw.header.map(source);
  const find = (re: RegExp): number => columns.findIndex((c) => re.test(c));
  const id = find(/^id$/i);
  const state = find(/^state$/i);
  if (id === -1 || state === -1) return null;
  const guidance = find(/guidance|how\s*\/\s*why|^notes?$/i);
  let task = find(/task|description/i);
  if (task === -1) task = columns.findIndex((_, i) => i !== id && i !== state && i !== guidance);
  const rows: ChecklistRow[] = [];
  for (const row of raw.rows) {
    const cell = (i: number): CellSpan | null => (i >= 0 ? (row.cells[i] ?? null) : null);
    const rowId = source(cell(id));
    // A row without an id cannot be named on the command line; it is not a checklist row.
    if (rowId === '') continue;
    const stateText = source(cell(state));
    rows.push({
      id: rowId,
      state: readState(stateText),
      stateText,
      task: source(cell(task)),
      guidance: source(cell(guidance)),
      line: row.line,
      cells: { id: cell(id), state: cell(state), guidance: cell(guidance) },
    });
  }
  return { index, line: raw.line, heading: raw.heading, columns, columnIndex: { id, state, task, guidance }, rows };
}

function unescapePipes(s: string): string {
  return (s.includes('\\') ? s.replace(/\\\|/g, '|') : s).trim();
}
