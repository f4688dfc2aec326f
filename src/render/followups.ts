// Follow-up due dates (SPEC §4, §12), in UTC calendar days. A dated follow-up's next due date
// counts from its last run that met its expect, taken from the run history: the oldest of its
// selectors' last runs, since the follow-up is only as fresh as its stalest selector. A last
// run that did not meet makes it due at once; never run, it counts from the brief's date.
// Pure functions shared by the brief (a snapshot, judged on its "as of" date) and `handoff
// due` (the live view, judged on --now).
import type { LastRuns, SelectorRun } from '../evidence/history.js';
import type { Outcome } from '../evidence/manifest.js';
import type { Cadence, Followup } from '../input/model.js';

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

// Calendar arithmetic on `YYYY-MM-DD` in UTC, by hand: `handoff due` counts thousands of due
// dates, and a date library's parse and format per date was most of its time.
function ymd(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(from: string, days: number): string {
  return ymd(new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000));
}

/** One calendar month on, kept within the month: January 31 → February 28 (29 in a leap year). */
function addMonth(from: string): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return ymd(new Date(Date.UTC(y, m, Math.min(d, last))));
}

/** The UTC day of an ISO 8601 UTC time (history times are always UTC, `…Z`). */
function dayOf(time: string): string {
  return time.slice(0, 10);
}

/** Next due date of a cadence counted from `from` (YYYY-MM-DD); null when it has no date. */
export function nextDueDate(cadence: Cadence, from: string): string | null {
  switch (cadence.kind) {
    case 'per-pr':
    case 'on-change':
      return null;
    case 'nightly':
    case 'daily':
      return addDays(from, 1);
    case 'weekly':
      return addDays(from, 7);
    case 'monthly':
      return addMonth(from);
    case 'every':
      return addDays(from, cadence.unit === 'weeks' ? cadence.count * 7 : cadence.count);
  }
}

export function isDated(cadence: Cadence): boolean {
  return cadence.kind !== 'per-pr' && cadence.kind !== 'on-change';
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
  return {
    id: followup.id,
    check: followup.check,
    selectors: [...followup.selectors],
    cadence: followup.cadenceText,
    paths: [...followup.paths],
    owner: followup.owner ?? null,
    expect: followup.expect ?? null,
    lastRun: describeLastRun(schedule.lastRun, followup.selectors.length > 0),
    due,
    overdue,
    dueText: due === null ? describeUndated(followup.cadence) : status === 'failed' ? 'due now (last run failed)' : overdue ? `${due} (overdue)` : due,
  };
}

/** A follow-up of a brief with no date and no run: `next:` when it has one, else from its first run. */
function buildUndatedView(followup: Followup): FollowupView {
  const due = isDated(followup.cadence) ? (followup.next ?? null) : null;
  return {
    id: followup.id,
    check: followup.check,
    selectors: [...followup.selectors],
    cadence: followup.cadenceText,
    paths: [...followup.paths],
    owner: followup.owner ?? null,
    expect: followup.expect ?? null,
    lastRun: describeLastRun(null, followup.selectors.length > 0),
    due,
    overdue: false,
    dueText: due ?? (isDated(followup.cadence) ? 'from the first run' : describeUndated(followup.cadence)),
  };
}
