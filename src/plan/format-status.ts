// How `plan status` prints: an aligned text table for people, JSON for scripts.
import type { ChecklistRow, PlanChecklists } from './checklist.js';
import { alignColumns } from '../text/columns.js';

interface RowJson {
  id: string;
  /** x, P, ' ' (what the state means, as in 0.1.0), or null. */
  state: string | null;
  task: string;
  line: number;
  format: ChecklistRow['format'];
  /** The state as the file writes it, without backticks (`[D]`), or the cell as written. */
  mark: string;
  section: string;
}

export interface StatusJson {
  file: string;
  /** The checklist tables, as in 0.1.0 (their rows carry the new fields too). */
  tables: {
    index: number;
    line: number;
    heading: string;
    rows: RowJson[];
  }[];
  /** Every row of both formats in line order; task items have `table: null`, depth and maybe an empty id. */
  rows: (RowJson & { table: number | null; depth: number })[];
}

export function toStatusJson(file: string, plan: PlanChecklists): StatusJson {
  return {
    file,
    tables: plan.tables.map((t) => ({
      index: t.index,
      line: t.line,
      heading: t.heading,
      rows: t.rows.map(rowJson),
    })),
    rows: plan.rows.map((r) => ({ ...rowJson(r), table: r.table, depth: r.depth })),
  };
}

function rowJson(r: ChecklistRow): RowJson {
  return { id: r.id, state: r.state, task: r.task, line: r.line, format: r.format, mark: showMark(r), section: r.section };
}

/** `[D]` for a bracketed state (backticks dropped), else the cell as written. */
export function showMark(r: Pick<ChecklistRow, 'symbol' | 'stateText'>): string {
  return r.symbol === null ? r.stateText : `[${r.symbol}]`;
}

/** A row's state as shown: `[x]`, `[D]`, `[ ]`, `?done` when the file gives it no meaning, `(none)`. */
export function showState(r: Pick<ChecklistRow, 'state' | 'symbol' | 'stateText'>): string {
  if (r.state !== null) return showMark(r);
  return r.stateText === '' ? '(none)' : `?${r.stateText}`;
}

export function formatStatusTable(plan: PlanChecklists): string {
  const rows: string[][] = [['LINE', 'FORMAT', 'ID', 'STATE', 'TASK']];
  for (const r of plan.rows) {
    const format = r.table === null ? 'task' : `table ${r.table}`;
    rows.push([String(r.line), format, r.id || '—', showState(r), `${'  '.repeat(r.depth)}${r.task}`]);
  }
  return `${alignColumns(rows)}\n${summarise(plan)}\n`;
}

function summarise(plan: PlanChecklists): string {
  const all = plan.rows;
  const n = (s: string | null): number => all.filter((r) => r.state === s).length;
  const tableRows = all.length - plan.tasks.length;
  const tables = `${plan.tables.length} table${plan.tables.length === 1 ? '' : 's'}`;
  const tasks = `${plan.tasks.length} task item${plan.tasks.length === 1 ? '' : 's'}`;
  const where =
    plan.tasks.length === 0 ? `${tableRows} rows in ${tables}` : tableRows === 0 && plan.tables.length === 0 ? tasks : `${all.length} rows: ${tableRows} in ${tables}, ${tasks}`;
  const other = n(null);
  const unlabelled = plan.tasks.filter((r) => r.id === '').length;
  return (
    `${where}: ${n('x')} done, ${n('P')} partial, ${n(' ')} open` +
    (other ? `, ${other} without a valid state` : '') +
    (unlabelled ? `; ${unlabelled} without an id (not markable)` : '')
  );
}
