// `handoff due <input…>` (docs/followups.md): the live view of every follow-up of every input given,
// from the run histories in --out, judged on --now: one table sorted by due date (or one JSON
// document), exit 1 when one is overdue or its last run failed, and with --ics a calendar.
// Every input and history is read (followups/load-due-briefs.ts) before anything is written: any
// problem in any of them is reported, all together, with exit 2 and no calendar written.
import { resolve } from 'node:path';
import { resolveNow } from '../clock.js';
import { UsageError } from '../errors.js';
import { formatDueTable, isLate, listDue, summariseDue, toDueJson, type DueRow } from '../followups/due-list.js';
import { dueBy, parseWithin, withinUntil } from '../followups/due-within.js';
import { loadDueBriefs } from '../followups/load-due-briefs.js';
import { displayPath } from '../input/repo-dir.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { Console } from '../io/console.js';
import { formatDate } from '../text/format-date.js';
import { formatCommandLine } from '../text/shell-words.js';
import { TOOL_VERSION } from '../version.js';

export interface DueOptions {
  inputs: string[];

  /** --out as typed; default: out/ at the top of the input's git repository (input/out-dir.ts). */
  out?: string;
  repo?: string;
  now?: string;
  /** --within, as typed (`7d`, `2w`, `36h`). */
  within?: string;
  json: boolean;
  /** --ics FILE. */
  ics?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
}

export interface DueResult {
  rows: DueRow[];
  /** Follow-ups overdue, or whose last run did not meet its expect. */
  late: number;
  icsPath?: string;
}

export async function runDue(options: DueOptions): Promise<DueResult> {
  const now = resolveNow(options.now, options.env);
  const withinS = options.within !== undefined ? parseWithin(options.within) : undefined;
  if (options.ics === '') throw new UsageError('--ics needs a file name, e.g. --ics follow-ups.ics, or - for stdout');
  const icsToStdout = options.ics === '-';
  if (icsToStdout && options.json) throw new UsageError('--ics - and --json both print on stdout; write the calendar to a file (--ics FILE)');
  const { briefs, notes } = await loadDueBriefs(options);
  for (const note of notes) options.console.err(`${note}\n`);

  const today = formatDate(now);
  const all = listDue(briefs, today);
  const until = withinS !== undefined ? withinUntil(now, withinS) : undefined;
  const rows = until === undefined ? all : dueBy(all, until);
  const late = all.filter(isLate).length;

  let icsPath: string | undefined;
  if (options.ics !== undefined) {
    const { formatCalendar } = await import('../followups/calendar.js');
    const text = formatCalendar(all, {
      now,
      toolVersion: TOOL_VERSION,
      runCommand: (file) => formatCommandLine(['handoff', 'run', file, '--due']),
    });
    if (icsToStdout) {
      options.console.out(text);
    } else {
      icsPath = resolve(options.cwd, options.ics);
      await writeFileAtomic(icsPath, text, { displayName: options.ics });
    }
  }

  if (icsToStdout) {
    // The calendar is the output: no table beside it.
  } else if (options.json) {
    const within = withinS !== undefined && until !== undefined ? { seconds: withinS, until } : null;
    options.console.out(`${JSON.stringify(toDueJson(rows, all, { now, today, within, briefs: briefs.length }), null, 2)}\n`);
  } else if (rows.length > 0) {
    options.console.out(formatDueTable(rows));
  }
  const shown = until !== undefined ? `; ${rows.length} due by ${until} shown` : '';
  options.console.err(`${summariseDue(all, briefs.length, today)}${shown}\n`);
  if (icsPath) options.console.err(`wrote ${displayPath(icsPath, options.cwd)} (${all.filter((r) => r.schedule.due !== null).length} recurring events)\n`);
  return { rows, late, icsPath };
}
