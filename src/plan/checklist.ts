// The checklist rows of a plan file, in the two forms plans use:
// - tables with an `ID` and a `State` column (the house format is
//   `| ID | Task Description | State | How/Why & Guidance |`); a row whose only content is bold
//   text (`| **Section 1: Runs** |`) is a section divider, not a row;
// - GFM task lists (`- [ ] A1: text`, nested items too; task-items.ts).
// States may use the file's own symbols and backticks (state-symbols.ts).
// Pure: text in, rows out, with the source offsets that `plan mark` needs to rewrite a single
// state. Offsets are UTF-16 indexes into the text that was parsed.
import type { ChecklistRow } from './checklist-row.js';
import { findBlocks, loadReferenceParser, needsReferenceParser, type RawTable } from './find-tables.js';
import type { CellSpan } from './markdown.js';
import { meaningOf, readMark, readVocabulary, type StateVocabulary } from './state-symbols.js';
import { readTaskRows } from './task-items.js';

export type { CellSpan } from './markdown.js';
export type { ChecklistRow, RowFormat } from './checklist-row.js';
export type { ChecklistState } from './state-symbols.js';
export { readState } from './state-symbols.js';

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

export interface PlanChecklists {
  tables: ChecklistTable[];
  /** Task-list items, labelled or not, in document order. */
  tasks: ChecklistRow[];
  /** Every row of both formats, in line order. */
  rows: ChecklistRow[];
  vocabulary: StateVocabulary;
}

/** parsePlan for callers that can wait: loads the reference parser only when the text needs it. */
export async function readPlan(text: string): Promise<PlanChecklists> {
  await prepareToRead(text);
  return parsePlan(text);
}

/** Loads what parsePlan(text) will need: the reference parser, only for a text the fast reader declines. */
export async function prepareToRead(text: string): Promise<void> {
  if (needsReferenceParser(text)) await loadReferenceParser();
}

/** Synchronous: the reference parser must already be loaded if the text needs it. */
export function parsePlan(text: string): PlanChecklists {
  const blocks = findBlocks(text);
  const vocabulary = readVocabulary(text);
  const tables: ChecklistTable[] = [];
  for (const raw of blocks.tables) {
    const table = readChecklistTable(text, raw, tables.length + 1, vocabulary);
    if (table) tables.push(table);
  }
  const tasks = readTaskRows(text, blocks.tasks, vocabulary);
  const rows = [...tables.flatMap((t) => t.rows), ...tasks].sort((a, b) => a.line - b.line);
  return { tables, tasks, rows, vocabulary };
}

/** The checklist tables only (0.1.0's reader). */
export function parseChecklists(text: string): ChecklistTable[] {
  return parsePlan(text).tables;
}

function readChecklistTable(text: string, raw: RawTable, index: number, vocabulary: StateVocabulary): ChecklistTable | null {
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
  let section = raw.heading;
  for (const row of raw.rows) {
    const cells = row.cells;
    const idCell = cells[id] ?? null;
    const rowId = source(idCell);
    // A row without an id cannot be named on the command line; it is not a checklist row.
    if (rowId === '') continue;
    // Only bold text can be a divider: the other cells are read only then.
    const first = rowId.charCodeAt(0);
    const divider = first === 42 || first === 95 ? readDivider(rowId, () => cells.filter((_, i) => i !== id).map(source)) : null;
    if (divider !== null) {
      section = divider;
      continue;
    }
    const stateCell = cells[state] ?? null;
    const guidanceCell = guidance >= 0 ? (cells[guidance] ?? null) : null;
    const stateText = source(stateCell);
    const mark = readMark(stateText);
    rows.push({
      format: 'table',
      id: rowId,
      state: mark ? meaningOf(vocabulary, mark.symbol) : null,
      stateText,
      symbol: mark?.symbol ?? null,
      backticks: mark?.backticks ?? false,
      task: task >= 0 ? source(cells[task]) : '',
      guidance: source(guidanceCell),
      line: row.line,
      section,
      depth: 0,
      table: index,
      cells: { id: idCell, state: stateCell, guidance: guidanceCell },
    });
  }
  return { index, line: raw.line, heading: raw.heading, columns, columnIndex: { id, state, task, guidance }, rows };
}

/** `| **Section 1: Runs** | | |`: bold text alone in the ID cell, every other cell empty (read only then). */
function readDivider(idCell: string, others: () => string[]): string | null {
  const bold = /^(\*\*|__)(?!\s)(.+?)(?<!\s)\1$/.exec(idCell);
  if (!bold || others().some((c) => c !== '')) return null;
  return bold[2]!;
}

function unescapePipes(s: string): string {
  return (s.includes('\\') ? s.replace(/\\\|/g, '|') : s).trim();
}
