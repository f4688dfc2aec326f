// How `plan status` prints: an aligned text table for people, JSON for scripts.
import type { ChecklistTable } from './checklist.js';

export interface StatusJson {
  file: string;
  tables: {
    index: number;
    line: number;
    heading: string;
    rows: { id: string; state: string | null; task: string; line: number }[];
  }[];
}

export function toStatusJson(file: string, tables: ChecklistTable[]): StatusJson {
  return {
    file,
    tables: tables.map((t) => ({
      index: t.index,
      line: t.line,
      heading: t.heading,
      rows: t.rows.map((r) => ({ id: r.id, state: r.state, task: r.task, line: r.line })),
    })),
  };
}

/** A row's state as shown: `[x]`, `[P]`, `[ ]`, or what the cell holds when it is none of those. */
export function showState(state: string | null, stateText: string): string {
  if (state !== null) return `[${state}]`;
  return stateText === '' ? '(none)' : `?${stateText}`;
}

export function formatStatusTable(tables: ChecklistTable[]): string {
  const rows: string[][] = [['TABLE', 'LINE', 'ID', 'STATE', 'TASK']];
  for (const t of tables) {
    for (const r of t.rows) rows.push([String(t.index), String(r.line), r.id, showState(r.state, r.stateText), r.task]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const lines = rows.map((r) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  const counts = countStates(tables);
  lines.push('', `${counts.total} rows in ${tables.length} table${tables.length === 1 ? '' : 's'}: ${counts.done} done, ${counts.partial} partial, ${counts.open} open${counts.other ? `, ${counts.other} without a valid state` : ''}`);
  return `${lines.join('\n')}\n`;
}

function countStates(tables: ChecklistTable[]): { total: number; done: number; partial: number; open: number; other: number } {
  const all = tables.flatMap((t) => t.rows);
  const n = (s: string | null): number => all.filter((r) => r.state === s).length;
  return { total: all.length, done: n('x'), partial: n('P'), open: n(' '), other: n(null) };
}
