// A cadence in the notations of other schedulers, from its one step (cadence.ts): the RRULE of a
// calendar's recurring event (RFC 5545, `handoff due --ics`) and the cron of a scheduled workflow
// (`handoff ci github`). Cron cannot say "every N days" or "every N weeks", so those get a daily
// or weekly cron plus a guard (whole periods since the follow-up's anchor date) that the
// workflow's selection step evaluates. Pure.
import type { Cadence } from '../input/model.js';
import { dayNumber, daysInMonth } from '../text/dates.js';
import { cadenceStep, stepDays } from './cadence.js';

/**
 * The RRULE of a cadence for a series starting on `start` (YYYY-MM-DD); null when undated.
 * A monthly series keeps the day of the month its due date was counted from (`countedFrom`,
 * else `start`). RFC 5545 skips the months that lack that day (plain monthly from January 31
 * gives 7 events a year), so from the 31st it recurs on the last day of every month
 * (BYMONTHDAY=-1: Jan 31, Feb 28, Mar 31, Apr 30, …), from the 29th or 30th on that day or the
 * last day of a shorter month (BYMONTHDAY=28,29,30;BYSETPOS=-1), the way due dates count months.
 */
export function cadenceRule(cadence: Cadence, start: string, countedFrom?: string | null): string | null {
  const step = cadenceStep(cadence);
  if (step === null) return null;
  if (step.unit === 'month') return monthlyRule(start, countedFrom);
  // "every N days/weeks" says its INTERVAL as typed, even when N is 1.
  const interval = cadence.kind === 'every' ? `;INTERVAL=${step.count}` : '';
  return `FREQ=${step.unit === 'week' ? 'WEEKLY' : 'DAILY'}${interval}`;
}

function monthlyRule(start: string, countedFrom: string | null | undefined): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  // The anchor's day when the start is that day, or the last day of a month too short for it.
  const anchor = Number((countedFrom ?? start).slice(8, 10));
  const day = anchor > d && d === daysInMonth(y, m) ? anchor : d;
  if (day <= 28) return 'FREQ=MONTHLY';
  if (day === 31) return 'FREQ=MONTHLY;BYMONTHDAY=-1';
  const days = Array.from({ length: day - 27 }, (_, i) => 28 + i).join(',');
  return `FREQ=MONTHLY;BYMONTHDAY=${days};BYSETPOS=-1`;
}

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

export interface CronSchedule {
  cron: string;
  /** Present when the cron runs more often than the cadence: the run checks that it is due. */
  guard?: Guard;
}

/** A dated cadence as a cron, anchored on the follow-up's due date where the input gives one; null when undated. */
export function cadenceCron(cadence: Cadence, anchor: string | undefined): CronSchedule | null {
  const step = cadenceStep(cadence);
  if (step === null) return null;
  const days = stepDays(step);
  if (days === null) {
    // Day 29-31 is missing from some months; cron would skip those months entirely.
    const day = anchor ? Math.min(Number(anchor.slice(8, 10)), 28) : 1;
    return { cron: `${CRON_TIME} ${day} * *` };
  }
  if (days === 1) return { cron: DAILY };
  if (days === 7) return { cron: weeklyCron(anchor) };
  const weeks = days % 7 === 0;
  return {
    cron: weeks ? weeklyCron(anchor) : DAILY,
    guard: { anchorDay: anchor ? dayNumber(anchor) : weeks ? FIRST_MONDAY : 0, periodDays: days },
  };
}

function weeklyCron(anchor: string | undefined): string {
  const weekday = anchor ? new Date(dayNumber(anchor) * 86_400_000).getUTCDay() : 1;
  return `${CRON_TIME} * * ${weekday}`;
}
