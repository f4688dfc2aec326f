// What a follow-up's cadence means, written once (docs/input-format.md, docs/followups.md): the step from one due date to
// the next, or none for per-pr and on-change, which have no date. Due dates, the calendar's
// recurrence rule and the workflow's cron (cadence-rules.ts) are all worked out from this step.
import type { Cadence } from '../input/model.js';
import { addDays, addMonth } from '../text/dates.js';

/** From one due date to the next: `count` days, weeks or (always one) months. */
export interface CadenceStep {
  unit: 'day' | 'week' | 'month';
  count: number;
}

/** The step of a dated cadence; null for per-pr and on-change. */
export function cadenceStep(cadence: Cadence): CadenceStep | null {
  switch (cadence.kind) {
    case 'per-pr':
    case 'on-change':
      return null;
    case 'nightly':
    case 'daily':
      return { unit: 'day', count: 1 };
    case 'weekly':
      return { unit: 'week', count: 1 };
    case 'monthly':
      return { unit: 'month', count: 1 };
    case 'every':
      return { unit: cadence.unit === 'weeks' ? 'week' : 'day', count: cadence.count };
  }
}

export function isDated(cadence: Cadence): boolean {
  return cadenceStep(cadence) !== null;
}

/** The days of a step counted in days or weeks; null for a monthly one, whose length varies. */
export function stepDays(step: CadenceStep): number | null {
  return step.unit === 'month' ? null : step.unit === 'week' ? step.count * 7 : step.count;
}

/** Next due date of a cadence counted from `from` (YYYY-MM-DD); null when it has no date. */
export function nextDueDate(cadence: Cadence, from: string): string | null {
  const step = cadenceStep(cadence);
  if (step === null) return null;
  const days = stepDays(step);
  return days === null ? addMonth(from) : addDays(from, days);
}
