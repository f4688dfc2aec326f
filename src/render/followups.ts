// Follow-up due dates (SPEC §4): counted from the brief's "as of" date, in UTC calendar days.
import type { Cadence, Followup } from '../input/model.js';
import { addToDate } from './format.js';

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
  /** Next due date `YYYY-MM-DD`, or null for per-pr and on-change. */
  due: string | null;
  /** The due date is before the generation date. */
  overdue: boolean;
  /** What the brief prints in the "next due" column. */
  dueText: string;
}

/** Next due date of a cadence counted from `from` (YYYY-MM-DD); null when it has no date. */
export function nextDueDate(cadence: Cadence, from: string): string | null {
  switch (cadence.kind) {
    case 'per-pr':
    case 'on-change':
      return null;
    case 'nightly':
    case 'daily':
      return addToDate(from, 1, 'day');
    case 'weekly':
      return addToDate(from, 7, 'day');
    case 'monthly':
      return addToDate(from, 1, 'month');
    case 'every':
      return addToDate(from, cadence.unit === 'weeks' ? cadence.count * 7 : cadence.count, 'day');
  }
}

function describeUndated(cadence: Cadence): string {
  return cadence.kind === 'per-pr' ? 'every pull request' : cadence.kind === 'on-change' ? 'on change' : '—';
}

/**
 * @param asOf the brief's date (`brief.date`, else the generation date), YYYY-MM-DD
 * @param today the generation date, YYYY-MM-DD; an earlier due date is overdue
 */
export function buildFollowupView(followup: Followup, asOf: string, today: string): FollowupView {
  const due = followup.next ?? nextDueDate(followup.cadence, asOf);
  // ISO dates compare correctly as strings.
  const overdue = due !== null && due < today;
  return {
    id: followup.id,
    check: followup.check,
    selectors: [...followup.selectors],
    cadence: followup.cadenceText,
    paths: [...followup.paths],
    owner: followup.owner ?? null,
    expect: followup.expect ?? null,
    due,
    overdue,
    dueText: due === null ? describeUndated(followup.cadence) : overdue ? `${due} (overdue)` : due,
  };
}
