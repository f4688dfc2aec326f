// `plan mark` as a pure function: which bytes of which rows change. Only the state (the State
// cell of a table row, the symbol inside a task item's brackets) and, with a note, the start of
// the guidance cell or of the task's text are replaced; the rest of the text is copied through
// untouched, so line endings, padding and trailing spaces survive. `publish` calls it too: it
// throws before anything is written and returns the whole new text.
import { InputError, UsageError, type Problem } from '../errors.js';
import { parsePlan, type ChecklistRow, type ChecklistState, type PlanChecklists } from './checklist.js';
import { selectRows } from './select-rows.js';
import { chooseSymbol, readMark, readState } from './state-symbols.js';

export interface MarkRowsOptions {
  /** The file name used in messages. */
  file: string;
  ids: string[];
  /** What the rows become (x done, P partial, ' ' open); each file gets its own symbol for it. */
  state: ChecklistState;
  /** Prefixed to the guidance cell or task text (see `noteSeparator`) unless already there in that form. */
  note?: string;
  /**
   * The note goes only where a row has a place for it; a row of a table without a guidance
   * column is marked without it (publish's default note), instead of being refused.
   */
  noteOptional?: boolean;
  /** 1-based checklist table to look in, when an id is in more than one. */
  table?: number;
  /** The 1-based line of the row meant, when its id is on more than one row. */
  line?: number;
}

export interface RowChange {
  id: string;
  format: ChecklistRow['format'];
  /** 1-based index of the row's table; null for a task item. */
  table: number | null;
  line: number;
  /** The state as it was written, and as it is now (`[ ]` -> `[D]`, `` `[ ]` `` -> `` `[D]` ``). */
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

const STATE_WORDS: Record<string, ChecklistState> = { done: 'x', partial: 'P', open: ' ' };

/**
 * `--state` as typed: done, partial or open; or, as in 0.1.0, x, P or " " (also X, p, D, ✅, "",
 * with or without brackets). Whatever is typed, each file gets its own symbol for the meaning.
 */
export function parseStateOption(value: string): ChecklistState {
  const word = STATE_WORDS[value.trim().toLowerCase()];
  if (word !== undefined) return word;
  const state = value === '' ? ' ' : readState(value.startsWith('[') ? value : `[${value}]`);
  if (state === null) throw new UsageError(`--state: "${value}" is not a state; use done, partial or open (or x, P, " ")`);
  return state;
}

/** A note as it must appear inside a table cell: one line, pipes escaped. */
export function escapeCellText(note: string): string {
  return foldNote(note).replace(/(?<!\\)\|/g, '\\|');
}

function foldNote(note: string): string {
  return note.replace(/\s*[\r\n]\s*/g, ' ').trim();
}

export function markRows(text: string, options: MarkRowsOptions): MarkRowsResult {
  const plan = parsePlan(text);
  if (plan.rows.length === 0 && plan.tables.length === 0) {
    throw new InputError([
      { file: options.file, line: 1, col: 1, path: '', message: 'no checklist (a table with ID and State columns, or a task list) in this file' },
    ]);
  }
  const rows = selectRows(plan, options);
  const problems: Problem[] = [];
  const edits: TextEdit[] = [];
  const changes: RowChange[] = [];
  for (const row of rows) {
    const state = row.cells.state;
    if (!state) {
      const table = plan.tables[(row.table ?? 1) - 1];
      problems.push({ file: options.file, line: row.line, col: 1, path: row.id, message: `row has no State cell (table ${row.table} has ${table?.columns.length ?? 0} columns)` });
      continue;
    }
    const to = writeState(text, plan, row, options.state);
    if (to.edit) edits.push(to.edit);
    let noteAdded = false;
    const placeForNote = row.cells.guidance !== null || !options.noteOptional;
    if (options.note !== undefined && foldNote(options.note) !== '' && placeForNote) {
      const note = row.format === 'table' ? escapeCellText(options.note) : foldNote(options.note);
      const guidance = row.cells.guidance;
      if (!guidance) {
        const table = plan.tables[(row.table ?? 1) - 1];
        const why = table?.columnIndex.guidance === -1 ? `table ${row.table} has no guidance column` : 'row has no guidance cell';
        problems.push({ file: options.file, line: row.line, col: 1, path: row.id, message: `cannot add the note: ${why}` });
        continue;
      }
      const edit = addNote(text, row, guidance, note);
      if (edit) {
        edits.push(edit);
        noteAdded = true;
      }
    }
    changes.push({ id: row.id, format: row.format, table: row.table, line: row.line, from: row.stateText, to: to.shown, noteAdded });
  }
  if (problems.length > 0) throw new InputError(problems);
  return { text: applyEdits(text, edits), rows: changes };
}

/**
 * The new state of a row. A row that already means the wanted state keeps its bytes (`[X]` stays
 * `[X]` when marked done); otherwise the file's own symbol for it is written, in backticks when
 * the row (or, for an empty cell, most of the file's table rows) has them.
 */
function writeState(text: string, plan: PlanChecklists, row: ChecklistRow, meaning: ChecklistState): { shown: string; edit?: TextEdit } {
  const span = row.cells.state!;
  if (row.state === meaning) return { shown: row.stateText };
  const same = row.format === 'table' ? plan.tables.flatMap((t) => t.rows) : plan.tasks;
  const other = row.format === 'table' ? plan.tasks : plan.tables.flatMap((t) => t.rows);
  const symbol = chooseSymbol(meaning, same, other, plan.vocabulary);
  if (row.format === 'task') {
    return { shown: `[${symbol}]`, edit: { start: span.start, end: span.end, insert: symbol } };
  }
  const current = readMark(text.slice(span.start, span.end));
  const ticks = current ? current.backticks : mostlyBackticked(same);
  const insert = ticks ? `\`[${symbol}]\`` : `[${symbol}]`;
  return { shown: insert, edit: { start: span.start, end: span.end, insert: padEmpty(text, span.start, span.end, insert) } };
}

function mostlyBackticked(rows: readonly ChecklistRow[]): boolean {
  const marked = rows.filter((r) => r.symbol !== null);
  return marked.filter((r) => r.backticks).length * 2 > marked.length;
}

function addNote(text: string, row: ChecklistRow, at: { start: number; end: number }, note: string): TextEdit | null {
  const current = row.format === 'table' ? text.slice(at.start, at.end) : row.task;
  const separator = noteSeparator(note);
  // Only the exact form inserted below counts as "already there": guidance that merely
  // starts with the same words ("Done when CI is green" for --note Done) gets the note.
  if (current === note || current.startsWith(`${note}${separator}`) || (separator === '. ' && current.startsWith(`${note} `))) return null;
  if (row.format === 'task') {
    // A label with nothing after it (`- [ ] A1:`) needs a space before the note.
    const space = /[ \t]/.test(text[at.start - 1] ?? '') ? '' : ' ';
    const atEnd = current === '';
    return { start: at.start, end: at.start, insert: atEnd ? `${space}${note}` : `${space}${note}${separator}` };
  }
  return { start: at.start, end: at.start, insert: current === '' ? padEmpty(text, at.start, at.end, note) : `${note}${separator}` };
}

/**
 * What goes between the note and the old guidance. A note that ends in a letter or digit (`Done`)
 * is followed by `: `, so the note stays a visible prefix and is not mistaken for guidance that
 * starts with that word; one that ends in a bracket (`Handoff brief published (2025-10-19T205832Z)`)
 * by `. `, which ends its sentence; one that ends in other punctuation or a symbol
 * (`✅ 2025-10-19:`) by a space. A bracket used to get a space: a note written so counts as there.
 */
export function noteSeparator(note: string): string {
  if (/[)\]]$/.test(note)) return '. ';
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
