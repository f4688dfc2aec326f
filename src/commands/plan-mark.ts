// `handoff plan mark <plan.md> <ID…>`: set the state of the named table rows and task items (and
// optionally prefix the guidance cell or task text with a note), in the file's own symbols,
// keeping every other byte; safe against concurrent runs.
import { resolve } from 'node:path';
import type { Console } from '../io/console.js';
import { updateFileLocked } from '../io/locked-update.js';
import { markRows, parseStateOption, type RowChange } from '../plan/mark-rows.js';
import { prepareToRead } from '../plan/checklist.js';

export interface PlanMarkOptions {
  plan: string;
  ids: string[];
  /** done, partial, open, or `x`, `P`, ` ` (default done). */
  state: string;
  note?: string;
  table?: number;
  line?: number;
  dryRun: boolean;
  cwd: string;
  console: Console;
}

export interface PlanMarkResult {
  changed: boolean;
  rows: RowChange[];
}

export async function runPlanMark(options: PlanMarkOptions): Promise<PlanMarkResult> {
  // Flags are checked before the file is touched, so a typo never takes the lock.
  const state = parseStateOption(options.state);
  const result = await updateFileLocked(
    resolve(options.cwd, options.plan),
    (text) => {
      const marked = markRows(text, { file: options.plan, ids: options.ids, state, note: options.note, table: options.table, line: options.line });
      return { text: marked.text, detail: marked.rows };
    },
    // markRows is synchronous: the reference parser is loaded first when the text needs it.
    { displayPath: options.plan, dryRun: options.dryRun, prepare: prepareToRead },
  );
  const rows = result.detail;
  if (!result.changed) {
    options.console.out(`${options.plan}: nothing to change (${rows.map((r) => r.id).join(', ')} already ${describeTarget(options.note, rows)})\n`);
  } else if (options.dryRun) {
    // The diff library loads only for --dry-run.
    const { formatDiff } = await import('../io/show-diff.js');
    options.console.out(formatDiff(options.plan, result.before, result.after));
  } else {
    const changed = rows.filter((r) => r.from !== r.to || r.noteAdded);
    const lines = changed.map((r) => `  ${r.id} (line ${r.line}): ${r.from || '(empty)'} -> ${r.to}${r.noteAdded ? ', note added' : ''}`);
    options.console.out(`${options.plan}: marked ${changed.length} row${changed.length === 1 ? '' : 's'}\n${lines.join('\n')}\n`);
  }
  return { changed: result.changed, rows };
}

function describeTarget(note: string | undefined, rows: RowChange[]): string {
  const to = rows[0]?.to ?? '';
  return note ? `${to} with the note` : to;
}
