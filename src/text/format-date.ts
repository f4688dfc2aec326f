// Dates and times written with a dayjs pattern, always in UTC: the brief's dates, report-folder
// stamps, and the `formatDate` helper templates call with a pattern of their own.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

/** A date or time (Date, ISO string, or YYYY-MM-DD) formatted in UTC with a dayjs pattern. */
export function formatDate(value: Date | string, pattern = 'YYYY-MM-DD'): string {
  const d = dayjs.utc(value);
  if (!d.isValid()) throw new Error(`not a date: ${String(value)}`);
  return d.format(pattern);
}

/** The report-folder stamp form of a time: `2025-10-19T205832Z`. */
export function formatStamp(value: Date): string {
  return formatDate(value, 'YYYY-MM-DD[T]HHmmss[Z]');
}
