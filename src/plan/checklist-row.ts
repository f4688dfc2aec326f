// One checklist row of a plan, whichever form the plan writes it in (a table row or a task-list
// item): what the readers (checklist.ts, task-items.ts) give and the editors (mark-rows.ts) take.
import type { CellSpan } from './markdown.js';
import type { ChecklistState } from './state-symbols.js';

export type RowFormat = 'table' | 'task';

export interface ChecklistRow {
  format: RowFormat;
  /** The ID cell, trimmed, `\|` unescaped; a task's label (`A1`, `Phase 1`); '' for a task without one. */
  id: string;
  /** What the state means; null when the row has no state or a symbol the file gives no meaning. */
  state: ChecklistState | null;
  /** The state's source as written (`[x]`, `` `[D]` ``, `done`, '' when missing). */
  stateText: string;
  /** The symbol inside the brackets (`x`, `D`, `✅`, ' '); null when the state is not bracketed. */
  symbol: string | null;
  /** The state is written in backticks. */
  backticks: boolean;
  /** The task cell's Markdown source, `\|` unescaped; a task item's text after its label. */
  task: string;
  /** The guidance cell's Markdown source, `\|` unescaped; '' when absent (always for tasks). */
  guidance: string;
  /** 1-based line of the row (of the `[ ]` of a task item). */
  line: number;
  /** The section divider row above (tables), else the nearest heading above; '' if none. */
  section: string;
  /** Nesting of a task item (0 = top level); 0 for table rows. */
  depth: number;
  /** 1-based index of the row's checklist table; null for task items. */
  table: number | null;
  /**
   * Source spans `plan mark` rewrites; null when the row lacks that cell. A table row's state is
   * the whole cell; a task item's is the symbol inside its brackets, and its guidance span is
   * the empty span where a note goes (after the label).
   */
  cells: { id: CellSpan | null; state: CellSpan | null; guidance: CellSpan | null };
}
