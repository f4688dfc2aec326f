// Calendar days as `YYYY-MM-DD`, in UTC, by hand: `handoff due` counts thousands of due dates,
// and a date library's parse and format per date was most of its time. Also the one check that
// a date exists, which the input grammar and --now share.

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` that exists on the calendar (`2025-02-30` and `2025-13-45` do not). */
export function isCalendarDate(text: string): boolean {
  if (!DATE_PATTERN.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function ymd(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(from: string, days: number): string {
  return ymd(new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000));
}

/** One calendar month on, kept within the month: January 31 → February 28 (29 in a leap year). */
export function addMonth(from: string): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return ymd(new Date(Date.UTC(y, m, Math.min(d, last))));
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (UTC). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** The `YYYY-MM-DD` of a day counted since 1970-01-01 (the inverse of dayNumber). */
export function dateOfDay(day: number): string {
  return ymd(new Date(day * 86_400_000));
}

/** The number of days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The UTC day of an ISO 8601 UTC time (`2025-10-19T20:58:32Z` → `2025-10-19`). */
export function dayOf(time: string): string {
  return time.slice(0, 10);
}

/** A time as the brief and its JSON write it: ISO 8601 in UTC to the second, `2025-10-19T20:58:32Z`. */
export function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
