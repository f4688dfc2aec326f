// When a generated workflow runs and which selectors each run needs, decided once at generation
// time from the follow-ups (SPEC §11): per-pr → pull_request; on-change → pull_request and push
// filtered by its paths; dated cadences → schedule crons. Cron cannot say "every N days" or
// "every N weeks", so those get a daily or weekly cron plus a guard (whole periods since the
// follow-up's anchor date) that the workflow's selection step evaluates. Pure.
import { posix } from 'node:path';
import type { HandoffInput } from '../input/model.js';

/** Minute and hour (UTC) of every cron: off the top of the hour, when GitHub's schedules are busiest. */
export const CRON_TIME = '17 3';
const DAILY = `${CRON_TIME} * * *`;
/** 1970-01-05, the first Monday of the epoch: the anchor of weekly guards without a date. */
const FIRST_MONDAY = 4;

export interface Guard {
  /** Days since 1970-01-01 (UTC) of a day the follow-up is due. */
  anchorDay: number;
  /** The follow-up is due every this many days from the anchor. */
  periodDays: number;
}

export type Trigger =
  | { kind: 'per-pr' }
  | { kind: 'on-change'; patterns: string[] }
  | { kind: 'schedule'; cron: string; guard?: Guard };

export interface PlannedFollowup {
  /** Position in `followups:`. */
  index: number;
  id: string;
  cadenceText: string;
  /** Selector ids, in input order, without repeats. */
  selectors: string[];
  trigger: Trigger;
}

export interface TriggerPlan {
  /** Every selector id of the input, in input order. */
  selectorIds: string[];
  /** Follow-ups that name selectors, in input order. */
  followups: PlannedFollowup[];
  /** Follow-ups that name no selectors: nothing for a workflow to run. */
  withoutSelectors: Array<{ index: number; id: string }>;
  /** Distinct crons, in first-seen order. */
  crons: string[];
  /** Absent: no pull_request trigger; `paths` absent: every pull request. */
  pullRequest?: { paths?: string[] };
  /** Absent: no push trigger. */
  pushPaths?: string[];
}

/**
 * A follow-up path as a GitHub path filter (and git glob pathspec), relative to the root of the
 * repository the workflow runs in: `repoPrefix` is the input's repo folder relative to that root
 * ('' when it is the root); a path ending in `/` means everything under it.
 */
export function toPathPattern(repoPrefix: string, path: string): string {
  const pattern = path.endsWith('/') ? `${path}**` : path;
  return repoPrefix === '' ? posix.normalize(pattern) : posix.join(repoPrefix, pattern);
}

export function planTriggers(input: HandoffInput, repoPrefix: string): TriggerPlan {
  const selectorIds = input.selectors.map((s) => s.id);
  const followups: PlannedFollowup[] = [];
  const withoutSelectors: TriggerPlan['withoutSelectors'] = [];
  input.followups.forEach((f, index) => {
    const named = new Set(f.selectors);
    const selectors = selectorIds.filter((id) => named.has(id));
    if (selectors.length === 0) {
      withoutSelectors.push({ index, id: f.id });
      return;
    }
    const anchor = f.next ?? input.brief.date;
    const trigger: Trigger =
      f.cadence.kind === 'on-change'
        ? { kind: 'on-change', patterns: unique(f.paths.map((p) => toPathPattern(repoPrefix, p))) }
        : f.cadence.kind === 'per-pr'
          ? { kind: 'per-pr' }
          : scheduleOf(f.cadence.kind === 'every' ? everyDays(f.cadence.count, f.cadence.unit) : f.cadence.kind, anchor);
    followups.push({ index, id: f.id, cadenceText: f.cadenceText, selectors, trigger });
  });

  const onChange = followups.flatMap((f) => (f.trigger.kind === 'on-change' ? f.trigger.patterns : []));
  const hasPerPr = followups.some((f) => f.trigger.kind === 'per-pr');
  const plan: TriggerPlan = {
    selectorIds,
    followups,
    withoutSelectors,
    crons: unique(followups.flatMap((f) => (f.trigger.kind === 'schedule' ? [f.trigger.cron] : []))),
  };
  // One pull_request trigger serves both: per-pr needs every pull request, so a paths filter
  // would drop some; on-change follow-ups are then picked by the changed files at run time.
  if (hasPerPr) plan.pullRequest = {};
  else if (onChange.length > 0) plan.pullRequest = { paths: unique(onChange) };
  if (onChange.length > 0) plan.pushPaths = unique(onChange);
  return plan;
}

function everyDays(count: number, unit: 'days' | 'weeks'): number {
  return unit === 'days' ? count : count * 7;
}

/** A dated cadence as a cron, anchored on the follow-up's due date where the input gives one. */
function scheduleOf(cadence: 'nightly' | 'daily' | 'weekly' | 'monthly' | number, anchor: string | undefined): Trigger {
  if (cadence === 'nightly' || cadence === 'daily' || cadence === 1) return { kind: 'schedule', cron: DAILY };
  if (cadence === 'weekly' || cadence === 7) return { kind: 'schedule', cron: weeklyCron(anchor) };
  if (cadence === 'monthly') {
    // Day 29-31 is missing from some months; cron would skip those months entirely.
    const day = anchor ? Math.min(Number(anchor.slice(8, 10)), 28) : 1;
    return { kind: 'schedule', cron: `${CRON_TIME} ${day} * *` };
  }
  const weeks = cadence % 7 === 0;
  return {
    kind: 'schedule',
    cron: weeks ? weeklyCron(anchor) : DAILY,
    guard: { anchorDay: anchor ? dayNumber(anchor) : weeks ? FIRST_MONDAY : 0, periodDays: cadence },
  };
}

function weeklyCron(anchor: string | undefined): string {
  const weekday = anchor ? new Date(dayNumber(anchor) * 86_400_000).getUTCDay() : 1;
  return `${CRON_TIME} * * ${weekday}`;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (UTC). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
