// `handoff due`'s rows (docs/followups.md): every follow-up of every input with its last run and next
// due date on --now, sorted by due date; printed as an aligned table or one JSON document.
// Pure: inputs, last runs and the day in, rows and text out.
import type { LastRuns } from '../evidence/history.js';
import type { HandoffInput } from '../input/model.js';
import { alignColumns } from '../text/columns.js';
import { daysBetween, formatTime } from '../text/dates.js';
import { describeLastRun, followupStatus, scheduleFollowup, type FollowupSchedule, type FollowupStatus } from './due-dates.js';

export interface DueBrief {
  input: HandoffInput;
  /** The input file as the user named it. */
  file: string;
  lastRuns: LastRuns;
}

export interface DueRow {
  brief: string;
  title: string;
  file: string;
  id: string;
  check: string;
  owner: string | null;
  cadence: string;
  /** The cadence, parsed (calendar rules). */
  cadenceKind: HandoffInput['followups'][number]['cadence'];
  selectors: string[];
  expect: string | null;
  schedule: FollowupSchedule;
  status: FollowupStatus;
  /** Whole days past the due date (0 unless overdue or failed). */
  daysOverdue: number;
}

const ORDER: Record<FollowupStatus, number> = { failed: 0, overdue: 1, due: 2, upcoming: 3, undated: 4 };

/**
 * Every follow-up, sorted by due date (undated last); same date: a failed one first, then in
 * the order of the inputs and of their follow-ups. Never run, a follow-up counts from
 * `brief.date`; a brief without a date makes it due today.
 */
export function listDue(briefs: readonly DueBrief[], today: string): DueRow[] {
  const rows: DueRow[] = [];
  for (const b of briefs) {
    for (const f of b.input.followups) {
      const schedule = scheduleFollowup(f, b.lastRuns, { from: b.input.brief.date ?? null, today });
      const status = followupStatus(schedule, today);
      rows.push({
        brief: b.input.brief.id,
        title: b.input.brief.title,
        file: b.file,
        id: f.id,
        check: f.check,
        owner: f.owner ?? null,
        cadence: f.cadenceText,
        cadenceKind: f.cadence,
        selectors: [...f.selectors],
        expect: f.expect ?? null,
        schedule,
        status,
        daysOverdue: (status === 'overdue' || status === 'failed') && schedule.due !== null ? Math.max(0, daysBetween(schedule.due, today)) : 0,
      });
    }
  }
  // The sort is stable: rows equal in date and status keep the order they were listed in.
  return rows.sort((a, b) => {
    const x = a.schedule.due ?? '9999-99-99';
    const y = b.schedule.due ?? '9999-99-99';
    return x < y ? -1 : x > y ? 1 : ORDER[a.status] - ORDER[b.status];
  });
}

/** Is it overdue, or did its last run not meet its expect: what makes `due` exit 1. */
export function isLate(row: DueRow): boolean {
  return row.status === 'overdue' || row.status === 'failed';
}

function nextDueText(row: DueRow): string {
  if (row.status === 'failed') return 'now (last run failed)';
  if (row.schedule.due !== null) return row.status === 'due' ? `${row.schedule.due} (today)` : row.schedule.due;
  return row.cadenceKind.kind === 'per-pr' ? 'every pull request' : 'on change';
}

function overdueText(row: DueRow): string {
  if (!isLate(row)) return 'no';
  const days = row.daysOverdue === 0 ? 'today' : `${row.daysOverdue} day${row.daysOverdue === 1 ? '' : 's'}`;
  return row.status === 'failed' ? `yes (failed, ${days})` : `yes (${days})`;
}

export function formatDueTable(rows: readonly DueRow[]): string {
  const table: string[][] = [['BRIEF', 'FOLLOW-UP', 'OWNER', 'CADENCE', 'LAST RUN', 'NEXT DUE', 'OVERDUE']];
  for (const r of rows) {
    table.push([r.brief, r.id, r.owner ?? '—', r.cadence, describeLastRun(r.schedule.lastRun, r.selectors.length > 0), nextDueText(r), overdueText(r)]);
  }
  return alignColumns(table);
}

export function summariseDue(rows: readonly DueRow[], briefs: number, today: string): string {
  const count = (s: FollowupStatus): number => rows.filter((r) => r.status === s).length;
  const parts = [
    `${count('overdue')} overdue`,
    `${count('failed')} whose last run failed`,
    `${count('due')} due today`,
    `${count('upcoming')} upcoming`,
    ...(count('undated') > 0 ? [`${count('undated')} per pull request or on change`] : []),
  ];
  return `${rows.length} follow-up${rows.length === 1 ? '' : 's'} of ${briefs} brief${briefs === 1 ? '' : 's'} on ${today}: ${parts.join(', ')}`;
}

/**
 * The `--json` document (documented in the README's `handoff due` section): the rows shown
 * (after --within), and a summary of every follow-up, shown or not.
 */
export function toDueJson(rows: readonly DueRow[], all: readonly DueRow[], context: { now: Date; today: string; within: { seconds: number; until: string } | null; briefs: number }): unknown {
  const count = (s: FollowupStatus): number => all.filter((r) => r.status === s).length;
  return {
    now: formatTime(context.now),
    today: context.today,
    within: context.within,
    followups: rows.map((r) => ({
      brief: r.brief,
      title: r.title,
      input: r.file,
      id: r.id,
      check: r.check,
      owner: r.owner,
      cadence: r.cadence,
      selectors: r.selectors,
      last_run: r.schedule.lastRun
        ? { time: r.schedule.lastRun.time, met: r.schedule.lastRun.met, not_met: r.schedule.lastRun.notMet, never_ran: r.schedule.lastRun.neverRan }
        : null,
      next_due: r.schedule.due,
      status: r.status,
      overdue: isLate(r),
      days_overdue: r.daysOverdue,
    })),
    summary: {
      briefs: context.briefs,
      followups: all.length,
      shown: rows.length,
      overdue: count('overdue'),
      failed: count('failed'),
      due: count('due'),
      upcoming: count('upcoming'),
      undated: count('undated'),
    },
  };
}
