// Follow-up due dates (docs/input-format.md, docs/followups.md), in UTC calendar days. A dated follow-up's next due date
// counts from its last run that met its expect, taken from the run history: the oldest of its
// selectors' last runs, since the follow-up is only as fresh as its stalest selector. A last
// run that did not meet makes it due at once; never run, it counts from the brief's date.
// Pure functions shared by the brief (a snapshot, judged on its "as of" date) and `handoff
// due` (the live view, judged on --now).
import type { LastRuns, SelectorRun } from '../evidence/history.js';
import type { Outcome } from '../evidence/manifest.js';
import type { Followup } from '../input/model.js';
import { dayOf } from '../text/dates.js';
import { isDated, nextDueDate } from './cadence.js';

export type { LastRuns } from '../evidence/history.js';

export interface FollowupSchedule {
  /**
   * undated: per-pr or on-change (no due date); never-run: some selector has no run yet (counts
   * from the brief's date); failed: a selector's last run did not meet its expect (due at once);
   * ran: counts from the last run.
   */
  basis: 'undated' | 'never-run' | 'failed' | 'ran';
  /** Next due date `YYYY-MM-DD`; null when undated. */
  due: string | null;
  /**
   * The day the due date was counted from (the last run's, or the brief's date), when it was
   * counted: a calendar's monthly series keeps its day of the month (from January 31: the last
   * day of every month).
   */
  countedFrom: string | null;
  /** null when none of its selectors ever ran (or it names none). */
  lastRun: {
    /** The oldest of its selectors' last runs (every selector has run since), or when it last failed. */
    time: string;
    /** Every selector's last run met its expect and every one has run. */
    met: boolean;
    notMet: Array<{ id: string; outcome: Outcome }>;
    neverRan: string[];
  } | null;
}

function summariseRuns(followup: Followup, lastRuns: LastRuns): FollowupSchedule['lastRun'] {
  const runs = followup.selectors.map((id) => ({ id, run: lastRuns.get(id) }));
  const ran = runs.filter((r): r is { id: string; run: SelectorRun } => r.run !== undefined);
  if (ran.length === 0) return null;
  const notMet = ran.filter((r) => !r.run.met).map((r) => ({ id: r.id, outcome: r.run.outcome }));
  const neverRan = runs.filter((r) => r.run === undefined).map((r) => r.id);
  const failed = ran.filter((r) => !r.run.met);
  const time = failed.length > 0 ? failed.map((r) => r.run.time).reduce((a, b) => (b > a ? b : a)) : ran.map((r) => r.run.time).reduce((a, b) => (b < a ? b : a));
  return { time, met: notMet.length === 0 && neverRan.length === 0, notMet, neverRan };
}

export interface ScheduleOptions {
  /** Never run: due dates count from this day (the brief's date); null: due at once, on `today`. */
  from: string | null;
  /** YYYY-MM-DD. */
  today: string;
}

export function scheduleFollowup(followup: Followup, lastRuns: LastRuns, options: ScheduleOptions): FollowupSchedule {
  const lastRun = summariseRuns(followup, lastRuns);
  if (!isDated(followup.cadence)) return { basis: 'undated', due: null, countedFrom: null, lastRun };
  if (lastRun && lastRun.notMet.length > 0) {
    return { basis: 'failed', due: dayOf(lastRun.time), countedFrom: null, lastRun };
  }
  if (!lastRun || lastRun.neverRan.length > 0) {
    if (followup.next !== undefined) return { basis: 'never-run', due: followup.next, countedFrom: null, lastRun };
    if (options.from === null) return { basis: 'never-run', due: options.today, countedFrom: null, lastRun };
    return { basis: 'never-run', due: nextDueDate(followup.cadence, options.from), countedFrom: options.from, lastRun };
  }
  // `next:` is the due date until a run on or after it: earlier runs (of selectors other
  // follow-ups share, say) neither bring it forward nor push it back.
  const ranOn = dayOf(lastRun.time);
  if (followup.next !== undefined && ranOn < followup.next) return { basis: 'ran', due: followup.next, countedFrom: null, lastRun };
  return { basis: 'ran', due: nextDueDate(followup.cadence, ranOn), countedFrom: ranOn, lastRun };
}

/** How a follow-up stands on `today`; `failed` and `overdue` are what `due` exits 1 for. */
export type FollowupStatus = 'undated' | 'failed' | 'overdue' | 'due' | 'upcoming';

export function followupStatus(schedule: FollowupSchedule, today: string): FollowupStatus {
  if (schedule.due === null) return 'undated';
  if (schedule.basis === 'failed') return 'failed';
  // ISO dates compare correctly as strings.
  return schedule.due < today ? 'overdue' : schedule.due === today ? 'due' : 'upcoming';
}

/** `2025-10-19 20:58Z ✓`, `2025-10-19 20:58Z ✗ broken failed`, `never`. */
export function describeLastRun(lastRun: FollowupSchedule['lastRun'], named: boolean): string {
  if (!named) return '—';
  if (!lastRun) return 'never';
  const when = `${dayOf(lastRun.time)} ${lastRun.time.slice(11, 16)}Z`;
  const notMet = lastRun.notMet.map((n) => `${n.id} ${n.outcome}`);
  const never = lastRun.neverRan.length > 0 ? [`never ran: ${lastRun.neverRan.join(', ')}`] : [];
  return lastRun.notMet.length === 0 && never.length === 0 ? `${when} ✓` : `${when} ✗ ${[...notMet, ...never].join('; ')}`;
}
