// `plan mark` as a pure function: which bytes of which cells change. Only the State cell's
// content (and, with a note, the start of the guidance cell) is replaced; the rest of the text
// is copied through untouched, so line endings, padding and trailing spaces survive.
import { InputError, UsageError, type Problem } from '../errors.js';
import { parseChecklists, readState, type ChecklistRow, type ChecklistState, type ChecklistTable } from './checklist.js';

export interface MarkRowsOptions {
  /** The file name used in messages. */
  file: string;
  ids: string[];
  state: ChecklistState;
  /** Prefixed to the guidance cell (see `noteSeparator`) unless it is already there in that form. */
  note?: string;
  /** 1-based checklist table to look in, when an id is in more than one. */
  table?: number;
}

export interface RowChange {
  id: string;
  table: number;
  line: number;
  from: string;
  to: string;
  noteAdded: boolean;
}

export interface MarkRowsResult {
  text: string;
  /** One entry per named row, changed or not. */
  rows: RowChange[];
}

interface TextEdit {
  start: number;
  end: number;
  insert: string;
}

/** `--state` as typed: x, X, P, p, " " or "" (open), with or without brackets. */
export function parseStateOption(value: string): ChecklistState {
  const state = value === '' ? ' ' : readState(value.startsWith('[') ? value : `[${value}]`);
  if (state === null) throw new UsageError(`--state: "${value}" is not a state; use x (done), P (partial) or " " (open)`);
  return state;
}

/** A note as it must appear inside a table cell: one line, pipes escaped. */
export function escapeCellText(note: string): string {
  return note
    .replace(/\s*[\r\n]\s*/g, ' ')
    .trim()
    .replace(/(?<!\\)\|/g, '\\|');
}

export function markRows(text: string, options: MarkRowsOptions): MarkRowsResult {
  const tables = parseChecklists(text);
  if (tables.length === 0) {
    throw new InputError([
      { file: options.file, line: 1, col: 1, path: '', message: 'no checklist table (a table with ID and State columns) in this file' },
    ]);
  }
  const rows = selectRows(tables, options);
  const note = options.note === undefined ? '' : escapeCellText(options.note);
  const problems: Problem[] = [];
  const edits: TextEdit[] = [];
  const changes: RowChange[] = [];
  for (const { row, table } of rows) {
    const state = row.cells.state;
    if (!state) {
      problems.push({ file: options.file, line: row.line, col: 1, path: row.id, message: `row has no State cell (table ${table.index} has ${table.columns.length} columns)` });
      continue;
    }
    const to = `[${options.state}]`;
    if (text.slice(state.start, state.end) !== to) edits.push({ start: state.start, end: state.end, insert: padEmpty(text, state.start, state.end, to) });
    let noteAdded = false;
    if (note !== '') {
      const guidance = row.cells.guidance;
      if (!guidance) {
        const why = table.columnIndex.guidance === -1 ? `table ${table.index} has no guidance column` : 'row has no guidance cell';
        problems.push({ file: options.file, line: row.line, col: 1, path: row.id, message: `cannot add the note: ${why}` });
        continue;
      }
      const current = text.slice(guidance.start, guidance.end);
      const separator = noteSeparator(note);
      // Only the exact form inserted below counts as "already there": guidance that merely
      // starts with the same words ("Done when CI is green" for --note Done) gets the note.
      if (current !== note && !current.startsWith(`${note}${separator}`)) {
        edits.push({ start: guidance.start, end: guidance.start, insert: current === '' ? padEmpty(text, guidance.start, guidance.end, note) : `${note}${separator}` });
        noteAdded = true;
      }
    }
    changes.push({ id: row.id, table: table.index, line: row.line, from: row.stateText, to, noteAdded });
  }
  if (problems.length > 0) throw new InputError(problems);
  return { text: applyEdits(text, edits), rows: changes };
}

function selectRows(tables: ChecklistTable[], options: MarkRowsOptions): { row: ChecklistRow; table: ChecklistTable }[] {
  let scope = tables;
  if (options.table !== undefined) {
    const picked = tables[options.table - 1];
    if (!Number.isInteger(options.table) || !picked) {
      throw new UsageError(`--table ${options.table}: ${options.file} has ${tables.length} checklist table${tables.length === 1 ? '' : 's'} (1–${tables.length})`);
    }
    scope = [picked];
  }
  const all = scope.flatMap((table) => table.rows.map((row) => ({ row, table })));
  const unknown: string[] = [];
  const repeated: string[] = [];
  const selected: { row: ChecklistRow; table: ChecklistTable }[] = [];
  for (const id of [...new Set(options.ids)]) {
    const hits = all.filter((h) => h.row.id === id);
    if (hits.length === 0) unknown.push(id);
    else if (hits.length > 1) {
      const where = hits.map((h) => `${options.file}:${h.row.line} (table ${h.table.index})`).join(', ');
      const hint = new Set(hits.map((h) => h.table.index)).size > 1 ? 'pick one with --table N' : 'rename one of them';
      repeated.push(`row id ${id} appears more than once: ${where}; ${hint}`);
    } else selected.push(hits[0]!);
  }
  const messages: string[] = [];
  if (unknown.length > 0) {
    const where = options.table === undefined ? options.file : `table ${options.table} of ${options.file}`;
    const known = [...new Set(all.map((h) => h.row.id))];
    messages.push(`no row with id ${unknown.join(', ')} in ${where}; ids there: ${known.join(', ') || '(none)'}`);
  }
  messages.push(...repeated);
  if (messages.length > 0) throw new UsageError(messages.join('\n'));
  return selected;
}

/**
 * What goes between the note and the old guidance. A note that ends in punctuation or a symbol
 * (`✅ 2025-10-19:`) is followed by a space; one that ends in a letter or digit (`Done`) by `: `,
 * so the note stays a visible prefix and is not mistaken for guidance that starts with that word.
 */
export function noteSeparator(note: string): string {
  return /[\p{P}\p{S}]$/u.test(note) ? ' ' : ': ';
}

/** Filling an empty cell such as `| |`: keep a space before the closing pipe. */
function padEmpty(text: string, start: number, end: number, insert: string): string {
  return start === end && text[start] === '|' ? `${insert} ` : insert;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  // Right to left, so earlier offsets stay valid.
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.insert + out.slice(e.end);
  return out;
}
