// Which rows `plan mark` means: each id must name exactly one row of the file (or of table
// `--table N`); an id on several rows (two tasks labelled S3, or A1 in two tables) is refused
// with every line it is on, unless `--line N` names the one meant.
import { UsageError } from '../errors.js';
import type { ChecklistRow, PlanChecklists } from './checklist.js';

export interface SelectRowsOptions {
  file: string;
  ids: string[];
  table?: number;
  line?: number;
}

export function selectRows(plan: PlanChecklists, options: SelectRowsOptions): ChecklistRow[] {
  const scope = scopeRows(plan, options);
  const atLine = options.line === undefined ? undefined : rowAtLine(plan, scope, options);
  if (atLine && !options.ids.includes(atLine.id)) {
    const what = atLine.id === '' ? 'a task item without an id' : `row ${atLine.id}`;
    throw new UsageError(`--line ${options.line}: line ${options.line} of ${options.file} is ${what}, not ${options.ids.join(', ')}`);
  }
  const unknown: string[] = [];
  const repeated: string[] = [];
  const selected: ChecklistRow[] = [];
  for (const id of [...new Set(options.ids)]) {
    if (atLine?.id === id) {
      selected.push(atLine);
      continue;
    }
    const hits = scope.filter((row) => row.id === id);
    if (hits.length === 0) unknown.push(id);
    else if (hits.length > 1) repeated.push(describeRepeat(id, hits, options));
    else selected.push(hits[0]!);
  }
  const messages: string[] = [];
  if (unknown.length > 0) {
    const where = options.table === undefined ? options.file : `table ${options.table} of ${options.file}`;
    const known = [...new Set(scope.map((row) => row.id).filter((id) => id !== ''))];
    messages.push(`no row with id ${unknown.join(', ')} in ${where}; ids there: ${known.join(', ') || '(none)'}`);
  }
  messages.push(...repeated);
  if (messages.length > 0) throw new UsageError(messages.join('\n'));
  return selected;
}

function scopeRows(plan: PlanChecklists, options: SelectRowsOptions): ChecklistRow[] {
  if (options.table === undefined) return plan.rows;
  const picked = plan.tables[options.table - 1];
  if (!Number.isInteger(options.table) || !picked) {
    const n = plan.tables.length;
    throw new UsageError(`--table ${options.table}: ${options.file} has ${n} checklist table${n === 1 ? '' : 's'}${n > 0 ? ` (1–${n})` : ''}`);
  }
  return picked.rows;
}

function rowAtLine(plan: PlanChecklists, scope: ChecklistRow[], options: SelectRowsOptions): ChecklistRow {
  const line = options.line!;
  const row = scope.find((r) => r.line === line);
  if (row) return row;
  if (!Number.isInteger(line) || line < 1) throw new UsageError(`--line ${line}: not a line number; use the LINE that \`handoff plan status\` shows`);
  const near = nearestRows(scope.length > 0 ? scope : plan.rows, line);
  const hint = near.length > 0 ? `; the nearest are ${near.map((r) => `line ${r.line} (${r.id || 'no id'})`).join(' and ')}` : '';
  const what = options.table === undefined ? 'checklist row or task item' : `row of table ${options.table}`;
  throw new UsageError(`--line ${line}: line ${line} of ${options.file} is not a ${what}${hint}`);
}

function nearestRows(rows: ChecklistRow[], line: number): ChecklistRow[] {
  const before = [...rows].reverse().find((r) => r.line < line);
  const after = rows.find((r) => r.line > line);
  return [before, after].filter((r): r is ChecklistRow => r !== undefined);
}

function describeRepeat(id: string, hits: ChecklistRow[], options: SelectRowsOptions): string {
  const where = hits.map((row) => `${options.file}:${row.line} (${row.table === null ? 'task' : `table ${row.table}`})`).join(', ');
  const tables = new Set(hits.map((row) => row.table));
  const hint = tables.size > 1 && !tables.has(null) ? 'pick one with --table N or --line N' : 'pick one with --line N';
  return `row id ${id} appears more than once: ${where}; ${hint}`;
}
