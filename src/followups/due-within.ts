// `handoff due --within 7d` (docs/followups.md): only the follow-ups due by the end of a length of time
// from --now, and every late one whatever its date. The summary still counts them all.
import { UsageError } from '../errors.js';
import { formatDate } from '../text/format-date.js';
import { isLate, type DueRow } from './due-list.js';

const UNITS: Record<string, number> = { w: 7 * 86_400, d: 86_400, h: 3600, m: 60, s: 1 };

/** `7d`, `2w`, `1w2d`, `36h`, `90m` → seconds. */
export function parseWithin(text: string): number {
  const parts = [...text.trim().matchAll(/(\d+)([wdhms])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.trim()) {
    throw new UsageError(`--within: "${text}" is not a length of time; use e.g. 7d, 2w, 36h or 1w2d`);
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]!]!, 0);
}

/** The last day a window of `seconds` from `now` reaches, YYYY-MM-DD. */
export function withinUntil(now: Date, seconds: number): string {
  return formatDate(new Date(now.getTime() + seconds * 1000));
}

/** The rows due on or before `until`, and the late ones. */
export function dueBy(rows: readonly DueRow[], until: string): DueRow[] {
  return rows.filter((r) => r.schedule.due !== null && (isLate(r) || r.schedule.due <= until));
}
