// The brief's follow-ups table (docs/followups.md): each follow-up with its last run and next due date as
// of the brief's date, from the schedule the due list and `run --due` also use (followups/).
import type { LastRuns } from '../evidence/history.js';
import { isDated } from '../followups/cadence.js';
import { describeLastRun, followupStatus, scheduleFollowup } from '../followups/due-dates.js';
import type { Cadence, Followup } from '../input/model.js';

export interface FollowupView {
  id: string;
  check: string;
  selectors: string[];
  /** The cadence as typed: `weekly`, `every 2 weeks`, `on-change`. */
  cadence: string;
  /** With on-change: the paths whose change triggers the check. */
  paths: string[];
  owner: string | null;
  expect: string | null;
  /** The last run of its selectors and whether it met (see describeLastRun). */
  lastRun: string;
  /** Next due date `YYYY-MM-DD`, or null for per-pr and on-change. */
  due: string | null;
  /** Past due on the judging date, or its last run did not meet. */
  overdue: boolean;
  /** What the brief prints in the "next due" column. */
  dueText: string;
}

function describeUndated(cadence: Cadence): string {
  return cadence.kind === 'per-pr' ? 'every pull request' : cadence.kind === 'on-change' ? 'on change' : '—';
}

/**
 * @param asOf the brief's date, YYYY-MM-DD: never-run follow-ups count from it; null: an undated
 *   brief that never ran (no brief.date, evidence or history), whose dated follow-ups count from
 *   their first run
 * @param today the date overdue is judged on, YYYY-MM-DD (null with asOf null)
 * @param lastRuns each selector's last run in the history (none: every follow-up never ran)
 */
export function buildFollowupView(followup: Followup, asOf: string | null, today: string | null, lastRuns: LastRuns = new Map()): FollowupView {
  if (asOf === null || today === null) return buildUndatedView(followup);
  const schedule = scheduleFollowup(followup, lastRuns, { from: asOf, today });
  const status = followupStatus(schedule, today);
  const due = schedule.due;
  const overdue = status === 'overdue' || status === 'failed';
  return viewOf(followup, {
    lastRun: describeLastRun(schedule.lastRun, followup.selectors.length > 0),
    due,
    overdue,
    dueText: due === null ? describeUndated(followup.cadence) : status === 'failed' ? 'due now (last run failed)' : overdue ? `${due} (overdue)` : due,
  });
}

/** A follow-up of a brief with no date and no run: `next:` when it has one, else from its first run. */
function buildUndatedView(followup: Followup): FollowupView {
  const due = isDated(followup.cadence) ? (followup.next ?? null) : null;
  return viewOf(followup, {
    lastRun: describeLastRun(null, followup.selectors.length > 0),
    due,
    overdue: false,
    dueText: due ?? (isDated(followup.cadence) ? 'from the first run' : describeUndated(followup.cadence)),
  });
}

/** What a follow-up shows of itself, with what its schedule says. */
function viewOf(followup: Followup, schedule: Pick<FollowupView, 'lastRun' | 'due' | 'overdue' | 'dueText'>): FollowupView {
  return {
    id: followup.id,
    check: followup.check,
    selectors: [...followup.selectors],
    cadence: followup.cadenceText,
    paths: [...followup.paths],
    owner: followup.owner ?? null,
    expect: followup.expect ?? null,
    ...schedule,
  };
}
